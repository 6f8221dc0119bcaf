using System.Globalization;
using MailTls.Core.Certificates;
using MailTls.Core.Probe;
using MailTls.Core.Tls;
using MailTls.Diagnosis;

namespace MailTls.Cli.Rendering;

/// <summary>Lays a probe's evidence out as report tables: facts, protocols, suites in server order, certificates, senders.</summary>
internal static class ProbeTables
{
    public static IEnumerable<ReportTable> For(TlsProbeResult probe, DateTimeOffset now)
    {
        yield return Facts(probe);
        if (!probe.TlsTested)
        {
            yield break;
        }

        yield return new ReportTable(
            $"{probe.Target}: protocol versions",
            ["Protocol", "Accepted", "Order", "Suites", "Detail"],
            [.. probe.Protocols.Select(p => (IReadOnlyList<string>)
            [
                TlsProtocolNames.Of(p.Version),
                p.Accepted switch { true => "yes", false => "no", null => "unknown" },
                p.Accepted == true ? p.Order.ToString().ToLowerInvariant() : string.Empty,
                p.Accepted == true ? p.Suites.Count.ToString(CultureInfo.InvariantCulture) : string.Empty,
                p.Detail,
            ])]);
        yield return new ReportTable(
            $"{probe.Target}: cipher suites (server order where the server has one)",
            ["Protocol", "#", "OpenSSL name", "IANA name", "Code", "Key exchange", "Strength"],
            [.. probe.Protocols.SelectMany(p => p.Suites.Select((s, i) => (IReadOnlyList<string>)
            [
                TlsProtocolNames.Of(p.Version),
                (i + 1).ToString(CultureInfo.InvariantCulture),
                s.Suite.OpenSslName ?? string.Empty,
                s.Suite.IanaName,
                $"0x{s.Code:X4}",
                KeyExchange(s),
                s.Suite.Strength.ToString().ToLowerInvariant() + (s.Suite.IsAnonymous ? ", anonymous" : string.Empty),
            ]))]);
        if (probe.Chains.Count > 0)
        {
            yield return new ReportTable(
                $"{probe.Target}: certificates",
                ["Chain", "#", "Subject", "Issuer", "Key", "Signature", "Not after", "Days left", "Trust", "Read from"],
                [.. probe.Chains.SelectMany(c => c.Certificates.Select((cert, i) => (IReadOnlyList<string>)
                [
                    c.KeyType,
                    (i + 1).ToString(CultureInfo.InvariantCulture),
                    cert.Subject,
                    cert.Issuer,
                    $"{CertificateKey.Type(cert)} {CertificateKey.Bits(cert)}",
                    CertificateKey.SignatureAlgorithm(cert),
                    cert.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    Math.Truncate((new DateTimeOffset(cert.NotAfter.ToUniversalTime(), TimeSpan.Zero) - now).TotalDays).ToString(CultureInfo.InvariantCulture),
                    i == 0 ? $"{c.Trust.ToString().ToLowerInvariant()}: {string.Join("; ", c.TrustDetail)}" : string.Empty,
                    i == 0 ? c.Source : string.Empty,
                ]))]);
        }

        if (probe.Senders.Count > 0)
        {
            yield return new ReportTable(
                $"{probe.Target}: real senders (recorded ClientHellos, else synthesised from published facts; answers predicted from the enumerated facts where they settle them, else replayed)",
                ["Sender", "Basis", "Offers", "Result", "Protocol", "Suite"],
                [.. probe.Senders.Select(s => (IReadOnlyList<string>)
                [
                    s.Name,
                    s.Assumptions.Count == 0 ? s.BasisText : $"{s.BasisText}; {string.Join("; ", s.Assumptions)}",
                    string.Join(", ", s.OfferedVersions.Select(TlsProtocolNames.Of)),
                    Result(s),
                    s.Version is { } v ? TlsProtocolNames.Of(v) : string.Empty,
                    s.Suite?.DisplayName ?? string.Empty,
                ])]);
        }
    }

    private static ReportTable Facts(TlsProbeResult probe)
    {
        var rows = new List<IReadOnlyList<string>>();
        void Add(string fact, string? value)
        {
            if (value is not null)
            {
                rows.Add([fact, value]);
            }
        }

        Add("SMTP", probe.ImplicitTls ? "TLS on connect" : probe.Smtp is { } smtp ? $"{Verdict(smtp.Verdict)}{(smtp.Detail.Length > 0 ? ": " + smtp.Detail : string.Empty)}" : null);
        Add("Greeting", probe.Smtp?.Banner is { } banner ? $"{banner.Code} {banner.Lines.FirstOrDefault()} (after {probe.Smtp.GreetingDelay?.TotalSeconds:0.00} s)" : null);
        Add("EHLO keywords", probe.Smtp?.Capabilities is { } caps ? string.Join(" ", caps.Keywords.Keys.Order(StringComparer.Ordinal)) : null);
        Add("SNI sent", probe.TlsTested ? probe.ServerName ?? "none" : null);
        Add("Full handshake (OpenSSL)", probe.FullHandshake);
        Add("Groups", probe.Groups.Count > 0 ? $"{string.Join(", ", probe.Groups)} (tested with {TlsProtocolNames.Of(probe.GroupsTestedWith!.Value)})" : null);
        Add("Smallest DHE group", probe.SmallestDhPrimeBits is { } bits ? $"{bits} bits" : null);
        Add("TLS compression", YesNo(probe.CompressionAccepted));
        Add("Secure renegotiation (RFC 5746)", YesNo(probe.SecureRenegotiation));
        Add("Fallback SCSV honoured (RFC 7507)", YesNo(probe.FallbackScsvHonoured));
        Add("Session ids / tickets offered", probe.SessionIdResumption is null && probe.SessionTickets is null ? null : $"{YesNo(probe.SessionIdResumption) ?? "unknown"} / {YesNo(probe.SessionTickets) ?? "unknown"}");
        Add("Resumes by session id (TLS 1.2)", Resumption(probe.Resumption?.SessionId));
        Add("Resumes by ticket (TLS 1.2, RFC 5077)", Resumption(probe.Resumption?.Ticket));
        Add("Resumes by PSK (TLS 1.3)", Resumption(probe.Resumption?.Tls13Psk));
        Add("Cost", $"{probe.Counts.TcpConnections} TCP connections, {probe.Counts.RawHellos} raw hellos + {probe.Counts.FullHandshakes} full handshakes, {probe.Counts.ResumptionConnections} for the resumption test, {probe.Counts.Elapsed.TotalSeconds:0.00} s");
        return new ReportTable($"{probe.Target}: SMTP and TLS facts", ["Fact", "Value"], rows);
    }

    private static string Result(SenderOutcome sender) =>
        sender.Negotiated ? "gets TLS"
        : sender.Basis == SenderHelloBasis.Unknown ? "unknown: " + sender.Detail
        : sender.Outcome == HelloOutcomeKind.NotSent ? "not sent: " + sender.Detail
        : "fails: " + sender.Detail;

    private static string? Resumption(ResumptionVerdict? verdict) => verdict is null ? null
        : $"{YesNo(verdict.Resumed) ?? "unknown"}: {verdict.Detail}";

    private static string? YesNo(bool? value) => value switch { true => "yes", false => "no", null => null };

    private static string Verdict(SmtpVerdict verdict) => verdict switch
    {
        SmtpVerdict.TlsReady => "STARTTLS offered and accepted",
        SmtpVerdict.StartTlsNotOffered => "STARTTLS not offered",
        SmtpVerdict.StartTlsRefused => "STARTTLS refused",
        SmtpVerdict.EhloRefused => "EHLO refused",
        SmtpVerdict.Blocked => "blocked",
        SmtpVerdict.ConnectFailed => "no connection",
        _ => "protocol error",
    };

    private static string KeyExchange(AcceptedSuite suite) =>
        suite.DhPrimeBits is { } bits ? $"DHE {bits} bits"
        : suite.Group is { } group ? group.ToString()
        : suite.Suite.KeyExchange.ToString().ToUpperInvariant();
}
