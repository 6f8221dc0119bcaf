namespace MailTls.IntegrationTests.Fixtures;

/// <summary>A test CA, an RSA and an ECDSA leaf from it, and a Postfix serving both with <c>settings</c> added to main.cf.</summary>
internal sealed class DualCertificateServer : IAsyncDisposable
{
    private DualCertificateServer(TestCa ca, TestLeaf rsa, TestLeaf ecdsa)
    {
        Ca = ca;
        Rsa = rsa;
        Ecdsa = ecdsa;
    }

    public TestCa Ca { get; }

    public TestLeaf Rsa { get; }

    public TestLeaf Ecdsa { get; }

    public PostfixInstance Postfix { get; private set; } = null!;

    public static async Task<DualCertificateServer> StartAsync(params (string Name, string Value)[] settings)
    {
        var ca = TestCa.Create();
        var server = new DualCertificateServer(
            ca,
            ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test")),
            ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test", KeyAlgorithm.EcdsaP256)));
        try
        {
            var options = new PostfixOptions { ListenIPv6 = false };
            options.MainCf["smtpd_tls_eccert_file"] = server.Ecdsa.ChainPemPath;
            options.MainCf["smtpd_tls_eckey_file"] = server.Ecdsa.KeyPemPath;
            foreach (var (name, value) in settings)
            {
                options.MainCf[name] = value;
            }

            server.Postfix = await PostfixInstance.StartAsync(server.Rsa, options);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Postfix is not null)
        {
            await Postfix.DisposeAsync();
        }

        Ecdsa.Dispose();
        Rsa.Dispose();
        Ca.Dispose();
    }
}
