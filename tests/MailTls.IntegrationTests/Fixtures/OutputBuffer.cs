using System.Text;

namespace MailTls.IntegrationTests.Fixtures;

/// Thread-safe accumulation of one process output stream, readable while the process runs.
internal sealed class OutputBuffer
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();

    public string Snapshot()
    {
        lock (_gate)
        {
            return _text.ToString();
        }
    }

    /// Copies <paramref name="reader"/> into the buffer until end of stream.
    public async Task PumpAsync(StreamReader reader)
    {
        var chunk = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(chunk.AsMemory())) > 0)
        {
            lock (_gate)
            {
                _text.Append(chunk, 0, read);
            }
        }
    }
}
