using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace MailTls.IntegrationTests.Fixtures;

/// "openssl s_server" on 127.0.0.1 with an ephemeral port: a TLS server whose protocols and
/// ciphers a test controls exactly.
///
/// It speaks TLS from the first byte. s_server has no SMTP STARTTLS server mode ("-starttls" is
/// an s_client option only), so STARTTLS tests use <see cref="PostfixInstance"/>; this server
/// stands in for implicit-TLS listeners (smtps/465) and for raw handshake probes.
///
/// The port is chosen by the kernel ("-accept 127.0.0.1:0") and read back from s_server's
/// "ACCEPT 127.0.0.1:PORT" line, so there is no window in which another process can take it.
internal sealed partial class OpenSslServer : IDisposable
{
    private readonly BackgroundProcess _process;

    private OpenSslServer(BackgroundProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public int ProcessId => _process.ProcessId;

    public bool HasExited => _process.HasExited;

    /// What s_server printed so far (ACCEPT, per-connection protocol and cipher lines, errors).
    public string StandardOutput => _process.StandardOutput;

    public string StandardError => _process.StandardError;

    public static async Task<OpenSslServer> StartAsync(OpenSslServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> arguments = ["s_server", "-accept", "127.0.0.1:0", "-cert", options.CertificatePath, "-key", options.KeyPath, "-ign_eof"];
        if (options.ChainPath is not null)
        {
            arguments.AddRange(["-cert_chain", options.ChainPath]);
        }

        arguments.AddRange(options.ProtocolOptions);
        if (options.Cipher is not null)
        {
            arguments.AddRange(["-cipher", options.Cipher]);
        }

        if (options.CipherSuites is not null)
        {
            arguments.AddRange(["-ciphersuites", options.CipherSuites]);
        }

        arguments.AddRange(options.ExtraArguments);

        var process = BackgroundProcess.Start(RequiredTool.OpenSsl, arguments);
        try
        {
            var accepting = await process.WaitForOutputAsync(output => AcceptLine().IsMatch(output), options.StartTimeout, cancellationToken);
            if (!accepting)
            {
                throw new InvalidOperationException(
                    $"openssl s_server did not report ACCEPT within {options.StartTimeout.TotalSeconds:F0} s:\n{process.Describe()}");
            }

            var port = int.Parse(AcceptLine().Match(process.StandardOutput).Groups["port"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

            // No probe connection: s_server prints ACCEPT after listen(), so the kernel already
            // completes connections, and a probe would only add a failed handshake to its output.
            return new OpenSslServer(process, port);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// Polls stdout until <paramref name="predicate"/> holds. s_server's stdout is block-buffered
    /// on a pipe: per-connection lines ("CIPHER is ...") can arrive after the client is done.
    public Task<bool> WaitForOutputAsync(Func<string, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        return _process.WaitForOutputAsync(predicate, timeout, cancellationToken);
    }

    /// Command line, state and output so far, for failure messages.
    public string Describe() => _process.Describe();

    /// Kills s_server (and anything it spawned) and reaps it.
    public void Dispose() => _process.Dispose();

    [GeneratedRegex(@"^ACCEPT 127\.0\.0\.1:(?<port>[0-9]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex AcceptLine();
}
