using MailTls.Core.Postfix.Outbound;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Policy;

/// <summary>How policy findings cite the decision.</summary>
internal static class PolicyCitations
{
    /// <summary>The policy entry or global level that decided, and the next hop.</summary>
    public static IEnumerable<EvidenceRef> Decision(OutboundDecision decision)
    {
        var choice = decision.Choice;
        if (choice.Entry is { } entry)
        {
            yield return new ConfigLineEvidence(entry.Location, entry.Text);
        }
        else if (choice.Global is { } global)
        {
            yield return global.Location is { } where
                ? new ConfigLineEvidence(where, global.Source == Core.Postfix.ParameterSource.MasterCfOverride ? $"-o {global.Name}={global.RawValue}" : $"{global.Name} = {global.RawValue}", global.Name)
                : new SourceEvidence("Postfix defaults", $"{global.Name} = {global.RawValue} (default)");
        }

        yield return new SourceEvidence("next hop", $"{decision.NextHop.Dest}: {decision.NextHop.Origin}; policy keys tried: {string.Join(", ", choice.KeysTried)}");
    }
}
