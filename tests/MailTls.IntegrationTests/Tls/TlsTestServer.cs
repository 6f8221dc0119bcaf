using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MailTls.IntegrationTests.Fixtures;

namespace MailTls.IntegrationTests.Tls;

/// <summary>
/// A real <c>openssl s_server</c> with a self-signed RSA certificate, for sending hand-built
/// ClientHellos and reading the raw server flight. Built on the shared TestCa and OpenSslServer fixtures.
/// </summary>
internal sealed class TlsTestServer : IDisposable
{
    private readonly TestCa _ca;
    private readonly TestLeaf _leaf;
    private readonly OpenSslServer _server;

    private TlsTestServer(TestCa ca, TestLeaf leaf, OpenSslServer server)
    {
        _ca = ca;
        _leaf = leaf;
        _server = server;
        Certificate = leaf.Certificate;
    }

    public int Port => _server.Port;

    /// <summary>The certificate the server presents.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Starts s_server with extra arguments such as <c>-tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256</c>.</summary>
    public static async Task<TlsTestServer> StartAsync(params string[] arguments)
    {
        var ca = TestCa.Create("mailtls tls engine");
        try
        {
            var leaf = ca.CreateSelfSigned(new LeafSpec("tls-test.mailtls.invalid") { DnsNames = ["tls-test.mailtls.invalid"] });
            var options = new OpenSslServerOptions(leaf);
            foreach (var argument in arguments)
            {
                options.ExtraArguments.Add(argument);
            }

            return new TlsTestServer(ca, leaf, await OpenSslServer.StartAsync(options));
        }
        catch
        {
            ca.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="clientHello"/> on a new connection and returns what the server sent until <paramref name="isComplete"/> says stop, it closes, or the deadline passes.</summary>
    public async Task<byte[]> ExchangeAsync(byte[] clientHello, Func<byte[], bool> isComplete, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        using var client = new TcpClient();
        await client.ConnectAsync(_server.EndPoint, deadline.Token);
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
        _server.Dispose();
        _leaf.Dispose();
        _ca.Dispose();
    }
}
