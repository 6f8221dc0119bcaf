using MailTls.Core.Postfix;
using MailTls.Core.Profiles;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Config;

/// <summary>
/// Port 25 at opportunistic TLS that refuses the protocol versions some senders offer. A refused
/// opportunistic handshake is worse than a weaker one: the sender bounces, defers, or retries in
/// cleartext (scenario 1: Gmail bounced, Facebook fell back to plaintext). Senders come from the
/// shipped client profiles.
/// </summary>
public sealed class InboundProtocolFloorCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Postfix is not { } postfix)
        {
            yield break;
        }

        var services = InboundTlsEvaluator.Evaluate(postfix)
            .Where(s => s.ReceivesFromMtas && s.Level == SmtpdTlsLevel.May && !s.WrapperMode && s.Protocols.IsValid);
        foreach (var service in services)
        {
            var accepted = service.Protocols.ServerAccepts;
            var refused = SenderProfileCatalog.Senders
                .Where(p => p.OfferedVersions.Count > 0 && !p.OfferedVersions.Any(accepted.Contains))
                .ToList();
            if (refused.Count == 0)
            {
                continue;
            }

            var parameter = service.ProtocolsParameter;
            var acceptedText = accepted.Count == 0 ? "no protocol at all" : string.Join(", ", accepted.Select(p => p.Name()));
            var offeredText = string.Join(", ", refused.Select(p => p.MaxVersion!.Value).Distinct().Order().Select(p => p.Name()));
            var replacement = postfix.Version.AtLeast(3, 6) ? ">=TLSv1" : "!SSLv2, !SSLv3";
            yield return FindingCatalogue.InboundProtocolFloor.Raise(
                $"{parameter.Name} = {parameter.RawValue} lets {ConfigCitations.Describe(service)} accept only {acceptedText} at opportunistic level may, "
                    + $"so senders that offer at most {offeredText} fail the handshake and bounce, defer or retry without TLS.",
                [
                    ConfigCitations.Cite(parameter, postfix.Version),
                    ConfigCitations.Cite(service.LevelParameter, postfix.Version),
                    .. refused.Select(p => new SourceEvidence($"client profile {p.Id}", $"{p.Name} offers {string.Join(", ", p.OfferedVersions.Select(v => v.Name()))} ({p.SourceType}; confidence {p.Confidence})")),
                ],
                new Remediation(
                    "Accept every protocol from TLS 1.0 up on port 25: at level may a weaker handshake is better than none.",
                    [ConfigCitations.SetCommand(parameter, service.Service, replacement), "postfix reload"],
                    "Senders limited to TLS 1.0/1.1 then get an old protocol instead of a bounce or cleartext; keep strict lists for submission, where clients are yours."),
                affected: [.. refused.Select(p => p.Name)]);
        }
    }
}
