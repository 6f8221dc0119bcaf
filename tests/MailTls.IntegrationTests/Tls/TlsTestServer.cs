using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MailTls.IntegrationTests.Tls;

/// <summary>
/// A real <c>openssl s_server</c> on a loopback ephemeral port with a fresh self-signed RSA
/// certificate, started for one test and killed on dispose. A missing openssl binary is a failure.
/// </summary>
internal sealed class TlsTestServer : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private readonly Process _process;
    private readonly string _directory;

    private TlsTestServer(Process process, string directory, int port, X509Certificate2 certificate)
    {
        _process = process;
        _directory = directory;
        Port = port;
        Certificate = certificate;
    }

    public int Port { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>Starts s_server with extra arguments such as <c>-tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256</c>.</summary>
    public static TlsTestServer Start(params string[] arguments)
    {
        var directory = Directory.CreateTempSubdirectory("mailtls-tls-").FullName;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=tls-test.mailtls.invalid", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("tls-test.mailtls.invalid");
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var selfSigned = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        var certificate = X509CertificateLoader.LoadCertificate(selfSigned.RawData);
        var certPath = Path.Combine(directory, "cert.pem");
        var keyPath = Path.Combine(directory, "key.pem");
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());

        var port = FreePort();
        var start = new ProcessStartInfo("openssl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "s_server", "-accept", $"127.0.0.1:{port}", "-cert", certPath, "-key", keyPath }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start.");
        var server = new TlsTestServer(process, directory, port, certificate);
        try
        {
            server.WaitUntilAccepting();
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    /// <summary>Sends <paramref name="clientHello"/> on a new connection and returns what the server sent until <paramref name="isComplete"/> says stop, it closes, or the deadline passes.</summary>
    public async Task<byte[]> ExchangeAsync(byte[] clientHello, Func<byte[], bool> isComplete, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port, deadline.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(clientHello, deadline.Token);
        var received = new MemoryStream();
        var buffer = new byte[16384];
        while (!isComplete(received.ToArray()))
        {
            var read = await stream.ReadAsync(buffer, deadline.Token);
            if (read == 0)
            {
                break;
            }

            received.Write(buffer, 0, read);
        }

        return received.ToArray();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        finally
        {
            _process.Dispose();
            Certificate.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private void WaitUntilAccepting()
    {
        // s_server prints "ACCEPT" once it listens.
        var line = _process.StandardOutput.ReadLineAsync();
        while (true)
        {
            if (!line.Wait(StartTimeout))
            {
                throw new TimeoutException($"openssl s_server did not print ACCEPT within {StartTimeout}.");
            }

            var text = line.Result ?? throw new InvalidOperationException("openssl s_server exited: " + _process.StandardError.ReadToEnd());
            if (text.Contains("ACCEPT", StringComparison.Ordinal))
            {
                return;
            }

            line = _process.StandardOutput.ReadLineAsync();
        }
    }
}
