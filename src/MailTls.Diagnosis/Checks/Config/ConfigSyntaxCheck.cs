using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Config;

/// <summary>
/// Reports main.cf and master.cf lines Postfix refuses. postconf and the daemons stop with
/// "fatal" on such a main.cf line, so mail stops at the next reload or restart.
/// </summary>
public sealed class ConfigSyntaxCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Postfix is not { } postfix)
        {
            yield break;
        }

        var config = postfix.Configuration;
        var problems = config.Main.Problems.Concat(config.Master?.Problems ?? []);
        foreach (var problem in problems)
        {
            var where = problem.Location?.ToString() ?? config.Main.Path;
            yield return FindingCatalogue.ConfigSyntaxError.Raise(
                $"{where}: {problem.Message}; Postfix stops with a fatal error when it reads this line.",
                [new SourceEvidence(where, problem.Message)],
                new Remediation(
                    "Correct or remove the line, then let Postfix check the result before reloading.",
                    [$"editor {problem.Location?.Path ?? config.Main.Path}", "postfix check", "postfix reload"]),
                affected: ["all mail"]);
        }

        // $name loops and broken ${...} expressions: Postfix stops with "macro processing error".
        foreach (var entry in config.Main.Effective.Values)
        {
            var resolved = config.Resolve(entry.Name);
            if (resolved.Problems.Count == 0)
            {
                continue;
            }

            yield return FindingCatalogue.ConfigSyntaxError.Raise(
                $"{entry.Location}: {entry.Name} cannot be expanded ({string.Join("; ", resolved.Problems)}); Postfix stops with a fatal \"macro processing error\" when it needs this value.",
                [new ConfigLineEvidence(entry.Location, entry.Text, entry.Name)],
                new Remediation(
                    "Break the loop or fix the ${...} expression so every reference ends in a plain value.",
                    [$"postconf -x {entry.Name}", "postfix check"]),
                affected: ["all mail"]);
        }
    }
}
