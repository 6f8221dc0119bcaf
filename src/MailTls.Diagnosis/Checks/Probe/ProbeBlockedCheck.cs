using MailTls.Core.Probe;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Probe;

/// <summary>The server turned the probe away (421/554, tarpit, greeting delay) before TLS: nothing about TLS can be concluded.</summary>
public sealed class ProbeBlockedCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var probe in evidence.Probes.Where(p => p.Smtp?.Verdict == SmtpVerdict.Blocked))
        {
            var smtp = probe.Smtp!;
            List<EvidenceRef> facts = [ProbeText.Fact(probe, smtp.Detail), .. smtp.Transcript.Select(line => ProbeText.Fact(probe, line))];
            if (smtp.GreetingDelay is { } delay)
            {
                facts.Add(ProbeText.Fact(probe, $"greeting after {delay.TotalSeconds:0.0} s"));
            }

            yield return FindingCatalogue.ProbeBlocked.Raise(
                $"{probe.Target} turned the probe away before TLS: {smtp.Detail}.",
                facts,
                new Remediation(
                    "Probe from an address the server accepts, allow more time, or slow down.",
                    ["mailtls probe HOST --timeout 60 --parallel 1 --delay 1000"],
                    "A block aimed at this client says nothing about what other senders get."),
                affected: [probe.Target]);
        }
    }
}
