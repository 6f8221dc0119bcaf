using System.Diagnostics;
using MailTls.Collectors.Probe;
using MailTls.Core.Probe;
using MailTls.IntegrationTests.Hostile;
using Xunit;

namespace MailTls.IntegrationTests.Probe;

/// The SMTP verdict of the probe engine against scripted servers: a server that turns the client
/// away is "blocked", never "no STARTTLS", and either way the probe stops after one connection.
[Collection(HostileServersCollectionDefinition.Name)]
public sealed class ProbeSmtpVerdictTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1.5);

    private static async Task Ehlo(HostileConnection c, string ehloReply, CancellationToken ct)
    {
        await c.SendAsync("220 scripted.mailtls.invalid ESMTP\r\n", ct);
        await c.ReadLineAsync(ct);
        await c.SendAsync(ehloReply, ct);
    }

    public static TheoryData<string, SmtpVerdict, string> Cases() => new()
    {
        { "421-banner", SmtpVerdict.Blocked, "greeted with 421" },
        { "554-banner", SmtpVerdict.Blocked, "greeted with 554" },
        { "silence", SmtpVerdict.Blocked, "no complete greeting within 1.5 s" },
        { "close-before-greeting", SmtpVerdict.Blocked, "before greeting" },
        { "ehlo-421", SmtpVerdict.Blocked, "EHLO was answered 421" },
        { "ehlo-tarpit", SmtpVerdict.Blocked, "tarpit" },
        { "ehlo-502", SmtpVerdict.EhloRefused, "EHLO was answered 502" },
        { "no-starttls", SmtpVerdict.StartTlsNotOffered, "does not list STARTTLS" },
        { "starttls-454", SmtpVerdict.StartTlsRefused, "answered 454" },
        { "data-after-220", SmtpVerdict.ProtocolError, "before TLS started" },
    };

    private static Func<HostileConnection, CancellationToken, Task> Script(string name) => name switch
    {
        "421-banner" => (c, ct) => c.SendAsync("421 4.7.0 too many connections\r\n", ct),
        "554-banner" => (c, ct) => c.SendAsync("554 5.7.1 you are on a blocklist\r\n", ct),
        "silence" => (c, ct) => c.HoldAsync(ct),
        "close-before-greeting" => (_, _) => Task.CompletedTask,
        "ehlo-421" => (c, ct) => Ehlo(c, "421 4.4.2 closing\r\n", ct),
        "ehlo-tarpit" => async (c, ct) => { await Ehlo(c, "250-scripted.mailtls.invalid\r\n", ct); await c.HoldAsync(ct); },
        "ehlo-502" => (c, ct) => Ehlo(c, "502 5.5.1 HELO only\r\n", ct),
        "no-starttls" => async (c, ct) => { await Ehlo(c, "250-scripted.mailtls.invalid\r\n250 PIPELINING\r\n", ct); await c.HoldAsync(ct); },
        "starttls-454" => async (c, ct) => { await Ehlo(c, "250-scripted.mailtls.invalid\r\n250 STARTTLS\r\n", ct); await c.ReadLineAsync(ct); await c.SendAsync("454 4.7.0 TLS not available\r\n", ct); await c.HoldAsync(ct); },
        "data-after-220" => async (c, ct) => { await Ehlo(c, "250-scripted.mailtls.invalid\r\n250 STARTTLS\r\n", ct); await c.ReadLineAsync(ct); await c.SendAsync("220 go ahead\r\n250 injected\r\n", ct); await c.HoldAsync(ct); },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ProbeAsync_ScriptedServer_GivesTheVerdictAfterOneConnection(string name, SmtpVerdict verdict, string words)
    {
        // Given
        await using var server = HostileServer.Start(Script(name));
        var engine = new TlsProbeEngine(new TlsProbeOptions { ConnectTimeout = Deadline, ReplyTimeout = Deadline, HandshakeTimeout = Deadline, EhloName = "probe.mailtls.test" });

        // When
        var clock = Stopwatch.StartNew();
        var result = await engine.ProbeAsync(new ProbeEndpoint("scripted.mailtls.invalid", HostileServer.Address, server.Port, false));

        // Then
        Assert.Equal(verdict, result.Smtp!.Verdict);
        Assert.Contains(words, result.Smtp.Detail, StringComparison.Ordinal);
        Assert.Equal(new ProbeCounts(1, 0, 0, result.Counts.Elapsed), result.Counts);
        Assert.False(result.TlsTested);
        Assert.True(clock.Elapsed < Deadline * 3, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task ProbeAsync_ServerAnsweringOnlySslV2_ReportsSslV2AcceptedAndEveryTlsVersionRefused()
    {
        // Given: after STARTTLS, a SERVER-HELLO (two RC4 kinds, 16-byte connection id) to an SSLv2 hello, handshake_failure to anything else
        byte[] serverHello = [0x80, 0x21, 4, 0, 1, 0x00, 0x02, 0x00, 0x00, 0x00, 0x06, 0x00, 0x10, 0x01, 0x00, 0x80, 0x02, 0x00, 0x80, .. new byte[16]];
        byte[] handshakeFailure = [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28];
        await using var server = HostileServer.Start(async (c, ct) =>
        {
            await c.SmtpUpToStartTlsAsync(ct);
            var first = new byte[1];
            await c.Stream.ReadExactlyAsync(first, ct);
            await c.SendAsync((first[0] & 0x80) != 0 ? serverHello : handshakeFailure, ct);
        });
        var engine = new TlsProbeEngine(new TlsProbeOptions { ConnectTimeout = Deadline, ReplyTimeout = Deadline, HandshakeTimeout = Deadline, SimulateSenders = false, FullHandshake = false });

        // When
        var result = await engine.ProbeAsync(new ProbeEndpoint("scripted.mailtls.invalid", HostileServer.Address, server.Port, false));

        // Then
        Assert.Equal([Core.Tls.TlsProtocolVersion.Ssl2], result.AcceptedVersions);
        Assert.Contains("0x010080, 0x020080", result.Protocols[0].Detail, StringComparison.Ordinal);
        Assert.All(result.Protocols.Skip(1), p => Assert.False(p.Accepted));
        var finding = Assert.Single(new Diagnosis.Checks.Probe.LegacyProtocolAcceptedCheck().Evaluate(new Diagnosis.EvidenceSet { Probes = [result] }));
        Assert.Equal(Diagnosis.Findings.Severity.Warning, finding.Severity);
    }
}
