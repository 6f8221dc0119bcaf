using System.Text;

namespace MailTls.Collectors.Logs;

/// <summary>
/// Follows a growing log like <c>tail -F</c>: starts at the current end, hands over every complete
/// line as it is written, and reopens the path when the file is rotated (renamed and recreated) or
/// truncated. Runs until cancelled. Only complete lines are passed on, so a line written in two
/// pieces is never split.
/// </summary>
public static class LogFollower
{
    /// <summary>How long to wait for new data before looking again.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest line kept while waiting for its end; longer ones are cut there.</summary>
    public const int MaxPendingChars = 1 << 20;

    /// <summary>Follows <paramref name="path"/> until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="path">The log file.</param>
    /// <param name="sink">Receives each new line with its number in the current file.</param>
    /// <param name="idle">Called whenever the file has no more data for now (to flush output).</param>
    /// <param name="cancellationToken">Ends following.</param>
    /// <returns>A task that ends when cancelled.</returns>
    public static async Task FollowAsync(string path, Action<string, int, string> sink, Action idle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(idle);
        var stream = Open(path, fromEnd: true);
        var decoder = new UTF8Encoding(false, false).GetDecoder();
        var pending = new StringBuilder();
        var bytes = new byte[1 << 16];
        var chars = new char[bytes.Length + 1];
        var number = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var read = stream is null ? 0 : await stream.ReadAsync(bytes, cancellationToken);
                if (read > 0)
                {
                    var count = decoder.GetChars(bytes, 0, read, chars, 0);
                    for (var i = 0; i < count; i++)
                    {
                        if (chars[i] == '\n')
                        {
                            sink(path, ++number, pending.ToString().TrimEnd('\r'));
                            pending.Clear();
                        }
                        else if (pending.Length < MaxPendingChars)
                        {
                            pending.Append(chars[i]);
                        }
                    }

                    continue;
                }

                idle();
                await Task.Delay(PollInterval, cancellationToken);
                if (Rotated(path, stream))
                {
                    // A new file at the path: read it from its beginning.
                    stream?.Dispose();
                    stream = Open(path, fromEnd: false);
                    pending.Clear();
                    number = 0;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Following ends when the user stops it.
        }
        finally
        {
            stream?.Dispose();
        }
    }

    private static FileStream? Open(string path, bool fromEnd)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
            if (fromEnd)
            {
                stream.Seek(0, SeekOrigin.End);
            }

            return stream;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            // Between rotation steps the path may not exist yet; the next poll tries again.
            return null;
        }
    }

    /// <summary>
    /// The path now names another file, or the same file was truncated: its length differs from
    /// the open file's, or is smaller than what was read.
    /// </summary>
    private static bool Rotated(string path, FileStream? stream)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return false;
        }

        return stream is null || info.Length < stream.Position || info.Length != stream.Length;
    }
}
