using System.Net;
using MailTls.Collectors.Probe;
using MailTls.Core.Probe;
using MailTls.IntegrationTests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace MailTls.IntegrationTests.Probe;

/// Session resumption as the probe reports it against real Postfix instances, with OpenSSL's own
/// client as the oracle: "openssl s_client -sess_out" on one connection, "-sess_in" on the next,
/// and "Reused" or "New" in its output, per mechanism.
public sealed class ProbeResumptionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Configurations => ["cache-and-tickets", "tickets-without-cache", "no-cache-no-tickets"];

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task Resumption_RealPostfix_EqualsWhatOpenSslClientReuses(string configuration)
    {
        // Given: Postfix with its session cache database and tickets (the defaults once a cache timeout is set),
        // with tickets but no cache database (Postfix's defaults), or with neither
        using var ca = TestCa.Create();
        using var leaf = ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test"));
        var options = new PostfixOptions { ListenIPv6 = false };
        if (configuration == "cache-and-tickets")
        {
            options.MainCf["smtpd_tls_session_cache_database"] = "btree:${data_directory}/smtpd_scache";
            options.MainCf["smtpd_tls_session_cache_timeout"] = "3600s";
        }
        else if (configuration == "tickets-without-cache")
        {
            options.MainCf["smtpd_tls_session_cache_database"] = string.Empty;
            options.MainCf["smtpd_tls_session_cache_timeout"] = "3600s";
        }
        else
        {
            options.MainCf["smtpd_tls_session_cache_database"] = string.Empty;
            options.MainCf["tls_ssl_options"] = "NO_TICKET";
        }

        await using var postfix = await PostfixInstance.StartAsync(leaf, options);
        var engine = new TlsProbeEngine(new TlsProbeOptions
        {
            ConnectTimeout = Deadline, ReplyTimeout = Deadline, HandshakeTimeout = Deadline, SimulateSenders = false, FullHandshake = false,
        });

        // When: the probe runs, then s_client resumes by session id (no tickets), by ticket, and by TLS 1.3 PSK
        var result = await engine.ProbeAsync(new ProbeEndpoint("mx.mailtls.test", IPAddress.Loopback, postfix.Port, false));
        using var directory = TempDirectory.Create("mailtls-resume");
        var oracle = await OpenSslVerdictsAsync(postfix.Port, startTls: true);

        // Then: the same verdicts, each tested to the end (none unknown), at a bounded cost
        AssertSame(oracle, result);
        Assert.Equal(configuration == "no-cache-no-tickets", result.Resumption!.NeverResumes);

        // And where tickets come without session ids (OpenSSL), asking for the id first costs three TLS 1.2 connections, plus two for TLS 1.3
        if (configuration != "no-cache-no-tickets")
        {
            Assert.Equal(5, result.Counts.ResumptionConnections);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("-no_ticket")]
    [InlineData("-no_ticket -no_cache")]
    public async Task Resumption_OpenSslServer_EqualsWhatOpenSslClientReuses(string serverFlags)
    {
        // Given: openssl s_server (TLS on connect) with tickets, with a session cache only, or with neither
        using var ca = TestCa.Create();
        using var leaf = ca.IssueLeaf(LeafSpec.ForLoopback("mx.mailtls.test"));
        var serverOptions = new OpenSslServerOptions(leaf);
        foreach (var flag in serverFlags.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            serverOptions.ExtraArguments.Add(flag);
        }

        using var server = await OpenSslServer.StartAsync(serverOptions);
        var engine = new TlsProbeEngine(new TlsProbeOptions
        {
            ConnectTimeout = Deadline, ReplyTimeout = Deadline, HandshakeTimeout = Deadline, SimulateSenders = false, FullHandshake = false,
        });

        // When
        var result = await engine.ProbeAsync(new ProbeEndpoint("127.0.0.1", IPAddress.Loopback, server.Port, ImplicitTls: true));
        var oracle = await OpenSslVerdictsAsync(server.Port, startTls: false);

        // Then
        AssertSame(oracle, result);
    }

    private sealed record OracleVerdicts((bool Reused, bool TicketIssued) ById, (bool Reused, bool TicketIssued) ByTicket, (bool Reused, bool TicketIssued) ByPsk);

    private async Task<OracleVerdicts> OpenSslVerdictsAsync(int port, bool startTls)
    {
        using var directory = TempDirectory.Create("mailtls-resume");
        return new OracleVerdicts(
            await OpenSslReusesAsync(port, startTls, directory, "-tls1_2", "-no_ticket"),
            await OpenSslReusesAsync(port, startTls, directory, "-tls1_2"),
            await OpenSslReusesAsync(port, startTls, directory, "-tls1_3"));
    }

    private void AssertSame(OracleVerdicts oracle, TlsProbeResult result)
    {
        var (byId, byTicket, byPsk) = (oracle.ById, oracle.ByTicket, oracle.ByPsk);
        var resumption = result.Resumption!;
        output.WriteLine($"id {resumption.SessionId}; ticket {resumption.Ticket}; psk {resumption.Tls13Psk}; {result.Counts.ResumptionConnections} connections");
        output.WriteLine($"openssl: id {byId.Reused}, ticket {byTicket.Reused} (issued: {byTicket.TicketIssued}), psk {byPsk.Reused}");
        Assert.Equal(byId.Reused, resumption.SessionId.Resumed);
        Assert.Equal(byTicket.Reused && byTicket.TicketIssued, resumption.Ticket.Resumed);
        Assert.Equal(byPsk.Reused, resumption.Tls13Psk.Resumed);
        Assert.InRange(result.Counts.ResumptionConnections, 2, 6);
    }

    /// <summary>
    /// Two s_client runs sharing a session file. Each sends QUIT a moment after the
    /// handshake, so that TLS 1.3 tickets (sent after the handshake) are read before it leaves.
    /// </summary>
    private async Task<(bool Reused, bool TicketIssued)> OpenSslReusesAsync(int port, bool startTls, TempDirectory directory, params string[] flags)
    {
        var session = directory.Combine($"session{string.Concat(flags)}.pem");
        async Task<string> RunAsync(string sessionOption)
        {
            var command = string.Join(' ', new[] { RequiredTool.OpenSsl, "s_client", "-connect", $"127.0.0.1:{port}", sessionOption, session }
                .Concat(startTls ? ["-starttls", "smtp"] : []).Concat(flags).Select(ProcessRunner.ShellQuote));
            var run = await ProcessRunner.RunAsync("/bin/sh", ["-c", $"(sleep 1; printf 'QUIT\\r\\n') | {command}"], Deadline);
            output.WriteLine(run.Describe());
            return run.StandardOutput;
        }

        var first = await RunAsync("-sess_out");
        var second = await RunAsync("-sess_in");
        Assert.Contains("New, TLS", first, StringComparison.Ordinal);
        return (second.Contains("Reused, TLS", StringComparison.Ordinal), first.Contains("TLS session ticket:", StringComparison.Ordinal));
    }
}
