using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Text.RegularExpressions;
using MailTls.IntegrationTests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace MailTls.IntegrationTests;

/// Proves the fixtures together: two private Postfix instances and one openssl s_server at once,
/// real handshakes trusted only through the test root, Postfix's own log lines, and nothing left
/// running afterwards.
public sealed class FixtureAcceptanceTests(ITestOutputHelper output)
{
    private static readonly TimeSpan IoTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan LogTimeout = TimeSpan.FromSeconds(15);

    [Fact(Timeout = 60_000)]
    public async Task StartAll_TwoPostfixAndOpenSslServer_HandshakesLogAndCleanUp()
    {
        // Given
        using var ca = TestCa.Create();
        var rsaLeaf = ca.IssueLeaf(LeafSpec.ForLoopback("mx1.mailtls.test"));
        var ecdsaLeaf = ca.IssueLeaf(LeafSpec.ForLoopback("mx2.mailtls.test", KeyAlgorithm.EcdsaP256));
        var serverLeaf = ca.IssueLeaf(LeafSpec.ForLoopback("tls.mailtls.test", KeyAlgorithm.EcdsaP256));
        var tls12Only = new PostfixOptions { HostName = "mx2.mailtls.test" };
        tls12Only.MainCf["smtpd_tls_protocols"] = "!SSLv2, !SSLv3, !TLSv1, !TLSv1.1, !TLSv1.3";
        var serverOptions = new OpenSslServerOptions(serverLeaf) { Cipher = "ECDHE-ECDSA-AES128-GCM-SHA256" };
        serverOptions.ProtocolOptions.Add("-tls1_2");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var first = PostfixInstance.StartAsync(rsaLeaf, new PostfixOptions { HostName = "mx1.mailtls.test" });
        var second = PostfixInstance.StartAsync(ecdsaLeaf, tls12Only);
        var opensslTask = OpenSslServer.StartAsync(serverOptions);
        await AwaitAllOrDisposeAsync(first, second, opensslTask);
        var postfix1 = await first;
        var postfix2 = await second;
        var openssl = await opensslTask;
        var masterPids = new[] { postfix1.FindMasterPid(), postfix2.FindMasterPid() };
        var opensslPid = openssl.ProcessId;
        output.WriteLine($"started after {clock.ElapsedMilliseconds} ms");

        try
        {
            // When
            var session1 = await StartTlsAsync(postfix1.EndPoint, ca, "mx1.mailtls.test");
            var session1v6 = await StartTlsAsync(postfix1.IPv6EndPoint!, ca, "mx1.mailtls.test");
            var session2 = await StartTlsAsync(postfix2.EndPoint, ca, "mx2.mailtls.test");
            var direct = await HandshakeAsync(openssl.EndPoint, ca, "tls.mailtls.test");

            var log1 = await postfix1.WaitForLogAsync(TlsEstablished(@"\[127\.0\.0\.1\]", "TLSv1.3"), LogTimeout);
            var log1v6 = await postfix1.WaitForLogAsync(TlsEstablished(@"\[::1\]", "TLSv1.3"), LogTimeout);
            var log2 = await postfix2.WaitForLogAsync(TlsEstablished(@"\[127\.0\.0\.1\]", "TLSv1.2"), LogTimeout);
            var opensslReported = await openssl.WaitForOutputAsync(text => text.Contains("CIPHER is ", StringComparison.Ordinal), LogTimeout);

            output.WriteLine($"handshakes and log lines after {clock.ElapsedMilliseconds} ms");
            output.WriteLine(postfix1.ReadLog());
            output.WriteLine(postfix2.ReadLog());
            output.WriteLine(openssl.StandardOutput);

            // Then
            Assert.Equal(SslProtocols.Tls13, session1.Protocol);
            Assert.Equal(SslProtocols.Tls13, session1v6.Protocol);
            Assert.Equal(SslProtocols.Tls12, session2.Protocol);
            Assert.Equal(SslProtocols.Tls12, direct.Protocol);
            Assert.Equal(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, direct.CipherSuite);
            Assert.Equal(rsaLeaf.Certificate.Thumbprint, session1.ServerThumbprint);
            Assert.Equal(ecdsaLeaf.Certificate.Thumbprint, session2.ServerThumbprint);
            Assert.Equal(serverLeaf.Certificate.Thumbprint, direct.ServerThumbprint);

            Assert.Contains($" {postfix1.InstanceName}/smtpd[", log1, StringComparison.Ordinal);
            Assert.Contains($"TLSv1.3 with cipher {session1.CipherSuite}", log1, StringComparison.Ordinal);
            Assert.Contains($"TLSv1.3 with cipher {session1v6.CipherSuite}", log1v6, StringComparison.Ordinal);
            Assert.Contains($" {postfix2.InstanceName}/smtpd[", log2, StringComparison.Ordinal);
            Assert.Contains("TLSv1.2 with cipher ECDHE-ECDSA-", log2, StringComparison.Ordinal);
            Assert.DoesNotContain(postfix2.ReadLogLines(), line => line.Contains("TLSv1.3", StringComparison.Ordinal));
            Assert.True(opensslReported, openssl.Describe());
            Assert.Contains("CIPHER is ECDHE-ECDSA-AES128-GCM-SHA256", openssl.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            openssl.Dispose();
            await Task.WhenAll(postfix1.DisposeAsync().AsTask(), postfix2.DisposeAsync().AsTask());
            output.WriteLine($"all stopped after {clock.ElapsedMilliseconds} ms");
        }

        Assert.Empty(postfix1.FindProcesses());
        Assert.Empty(postfix2.FindProcesses());
        Assert.True(postfix1.ProcessesKilledOnDispose.Count == 0, postfix1.StopTranscript + string.Join("\n", postfix1.ProcessesKilledOnDispose));
        Assert.True(postfix2.ProcessesKilledOnDispose.Count == 0, postfix2.StopTranscript + string.Join("\n", postfix2.ProcessesKilledOnDispose));
        Assert.All(masterPids, pid => Assert.NotNull(pid));
        Assert.All(masterPids, pid => Assert.False(LinuxProcesses.IsAlive(pid!.Value), $"master {pid} still running"));
        Assert.False(LinuxProcesses.IsAlive(opensslPid), "openssl s_server still running");
        Assert.False(Directory.Exists(postfix1.RootDirectory));
        Assert.False(Directory.Exists(postfix2.RootDirectory));
    }

    internal static Func<string, bool> TlsEstablished(string clientPattern, string protocol)
    {
        // Postfix 3.7 smtpd_tls_loglevel = 1, no client certificate:
        // "NAME/smtpd[PID]: Anonymous TLS connection established from localhost[127.0.0.1]:
        //  TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 ..."
        var regex = new Regex(
            $@"/smtpd\[[0-9]+\]: Anonymous TLS connection established from [^\[\s]*{clientPattern}: {Regex.Escape(protocol)} with cipher \S+",
            RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
        return regex.IsMatch;
    }

    internal static async Task<TlsSessionFacts> StartTlsAsync(IPEndPoint endPoint, TestCa ca, string hostName)
    {
        using var timeout = new CancellationTokenSource(IoTimeout);
        await using var smtp = await SmtpTestClient.ConnectAsync(endPoint, IoTimeout, timeout.Token);
        var extensions = await smtp.EhloAsync("client.mailtls.test", timeout.Token);
        Assert.Contains("STARTTLS", extensions);
        var trust = new TestTlsClient(ca.Root, hostName);
        var tls = await smtp.StartTlsAsync(trust.CreateOptions(), timeout.Token);
        Assert.Empty(trust.ValidationErrors);
        var afterTls = await smtp.EhloAsync("client.mailtls.test", timeout.Token);
        Assert.DoesNotContain("STARTTLS", afterTls);
        await smtp.QuitAsync(timeout.Token);
        return TlsSessionFacts.From(tls);
    }

    internal static async Task<TlsSessionFacts> HandshakeAsync(IPEndPoint endPoint, TestCa ca, string hostName)
    {
        using var timeout = new CancellationTokenSource(IoTimeout);
        using var tcp = new System.Net.Sockets.TcpClient(endPoint.AddressFamily);
        await tcp.ConnectAsync(endPoint, timeout.Token);
        var trust = new TestTlsClient(ca.Root, hostName);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(trust.CreateOptions(), timeout.Token);
        Assert.Empty(trust.ValidationErrors);
        return TlsSessionFacts.From(tls);
    }

    /// Awaits every start; if one fails, disposes the ones that started, then rethrows.
    private static async Task AwaitAllOrDisposeAsync(Task<PostfixInstance> first, Task<PostfixInstance> second, Task<OpenSslServer> openssl)
    {
        try
        {
            await Task.WhenAll(first, second, openssl);
        }
        catch
        {
            foreach (var postfix in new[] { first, second }.Where(t => t.IsCompletedSuccessfully))
            {
                await (await postfix).DisposeAsync();
            }

            if (openssl.IsCompletedSuccessfully)
            {
                (await openssl).Dispose();
            }

            throw;
        }
    }
}
