using MailTls.Core.Postfix;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Config;

/// <summary>
/// An smtpd service whose protocol list the configured Postfix cannot parse. smtpd then logs
/// "Invalid TLS protocol list ...: disabling TLS support" yet still announces STARTTLS, and
/// answers it with "454 4.7.0 TLS not available due to local problem".
/// </summary>
public sealed class ProtocolListInvalidCheck : ICheck
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
            .Where(s => s.TlsOffered && !s.Protocols.IsValid)
            .ToList();
        foreach (var group in services.GroupBy(s => (s.ProtocolsParameter.Name, s.ProtocolsParameter.Location)))
        {
            var first = group.First();
            var parameter = first.ProtocolsParameter;
            var replacement = postfix.Version.AtLeast(3, 6) ? ">=TLSv1" : "!SSLv2, !SSLv3";
            yield return FindingCatalogue.ProtocolListInvalid.Raise(
                $"Postfix {postfix.Version} does not know \"{first.Protocols.InvalidToken}\" in {parameter.Name} = {parameter.RawValue}, "
                    + "so smtpd disables TLS: STARTTLS is still announced but answered with 454, and every sender that requires TLS defers.",
                [
                    ConfigCitations.Cite(parameter, postfix.Version),
                    new SourceEvidence($"Postfix {postfix.Version}", $"expected log line: warning: Invalid TLS protocol list \"{parameter.Value}\": disabling TLS support"),
                ],
                new Remediation(
                    $"Write the list with names Postfix {postfix.Version} knows.",
                    [ConfigCitations.SetCommand(parameter, first.Service, replacement), "postfix reload"]),
                affected: [.. group.Select(ConfigCitations.Describe)]);
        }
    }
}
