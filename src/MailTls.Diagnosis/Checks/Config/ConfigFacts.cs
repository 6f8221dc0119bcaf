using System.Globalization;
using MailTls.Core.OpenSsl;
using MailTls.Core.Postfix;
using MailTls.Core.Profiles;

namespace MailTls.Diagnosis.Checks.Config;

/// <summary>
/// The facts <c>mailtls config</c> shows beside its findings: what each smtpd service offers, and
/// what every client profile would negotiate with port 25.
/// </summary>
public static class ConfigFacts
{
    /// <summary>Builds the tables from the collected evidence.</summary>
    /// <param name="evidence">Evidence with a Postfix configuration.</param>
    /// <returns>The tables; none without a configuration.</returns>
    public static IReadOnlyList<ReportTable> Tables(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Postfix is not { } postfix)
        {
            return [];
        }

        var services = InboundTlsEvaluator.Evaluate(postfix);
        var offer = new List<IReadOnlyList<string>>();
        var senders = new List<IReadOnlyList<string>>();
        foreach (var service in services)
        {
            var simulator = ServiceSimulation.For(service, evidence, out var basis);
            offer.Add(
            [
                service.ServiceName,
                service.WrapperMode ? "wrapper (TLS on connect)" : service.Level.ToString().ToLowerInvariant(),
                service.Protocols.IsValid ? string.Join(" ", service.Protocols.ServerAccepts.Select(p => p.Name())) : $"invalid list ({service.Protocols.InvalidToken})",
                service.Ciphers.CipherString ?? service.Ciphers.Problem ?? string.Empty,
                Suites(simulator.Ciphers, simulator.EcdheEnabled),
                basis,
            ]);
            if (!service.ReceivesFromMtas)
            {
                continue;
            }

            foreach (var sender in SenderProfileCatalog.Senders)
            {
                var outcome = simulator.Simulate(sender);
                senders.Add([service.ServiceName, sender.Name, sender.Confidence.Split(' ')[0], Describe(outcome)]);
            }
        }

        return
        [
            new ReportTable(
                $"Inbound TLS offer per smtpd service (Postfix {postfix.Version}, OpenSSL {postfix.OpenSsl})",
                ["Service", "Level", "Protocols accepted", "Cipher string", "TLS 1.2 and older suites", "Certificates"],
                offer),
            new ReportTable(
                "What each known sender would negotiate with port 25",
                ["Service", "Sender", "Confidence", "Outcome"],
                senders),
        ];
    }

    private static string Suites(CipherStringResult? ciphers, bool ecdhe)
    {
        if (ciphers is null)
        {
            return "none: Postfix cannot build the list";
        }

        var list = ciphers.Suites;
        var forward = list.Count(s => s.IsForwardSecret);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{list.Length} ({forward} forward secret; ECDHE {EcdheState(list, ecdhe)}; DHE {(list.Any(s => (s.KeyExchange & OpenSslKeyExchange.Dhe) != 0) ? "yes" : "no")}); TLS 1.3: {(ciphers.Tls13Suites.IsEmpty ? "none" : string.Join(" ", ciphers.Tls13Suites.Select(s => s.Name)))}");
    }

    private static string EcdheState(IEnumerable<OpenSslCipherSuite> list, bool enabled)
    {
        var listed = list.Any(s => (s.KeyExchange & OpenSslKeyExchange.Ecdhe) != 0);
        return !listed ? "no" : enabled ? "yes" : "listed but off (smtpd_tls_eecdh_grade = none)";
    }

    private static string Describe(SenderOutcome outcome) => outcome.Kind switch
    {
        SenderOutcomeKind.Negotiated => $"{outcome.Protocol?.Name()} {outcome.Suite}",
        SenderOutcomeKind.ProtocolMismatch => $"fails: offers {string.Join(" ", outcome.Sender.OfferedVersions.Select(v => v.Name()))}, none accepted",
        SenderOutcomeKind.NoSharedCipher => $"fails at {outcome.Protocol?.Name()}: no shared cipher",
        SenderOutcomeKind.NoKnownSharedCipher => $"fails at {outcome.Protocol?.Name()}: none of its known suites is usable",
        SenderOutcomeKind.TlsUnavailable => "fails: the service has no working TLS",
        _ => outcome.Protocol is { } p ? $"{p.Name()}, suite unknown (no suite facts)" : "unknown (no ClientHello facts)",
    };
}
