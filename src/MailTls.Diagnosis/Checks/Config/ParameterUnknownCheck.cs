using System.Text.RegularExpressions;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Config;

/// <summary>
/// main.cf parameters Postfix does not know and nothing refers to: Postfix ignores them with
/// "warning: ...: unused parameter", so a misspelt TLS setting silently does nothing. With
/// postconf -d defaults every name is judged; with mailtls's TLS-only table, only TLS names close
/// to a known one are.
/// </summary>
public sealed partial class ParameterUnknownCheck : ICheck
{
    private const int MaxDistance = 2;

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Postfix is not { } postfix)
        {
            yield break;
        }

        var config = postfix.Configuration;
        var known = config.DefaultNames.ToHashSet(StringComparer.Ordinal);
        var referenced = config.Main.Entries.Select(e => e.Value)
            .Concat(config.Master?.Services.SelectMany(s => s.Overrides.Select(o => o.Value)) ?? [])
            .SelectMany(v => Reference().Matches(v).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

        // Postfix derives per-transport parameters from master.cf service names (relay_destination_concurrency_limit).
        var services = config.Master?.Services.Select(s => s.Name + "_").ToList() ?? [];
        foreach (var entry in config.Main.Effective.Values)
        {
            var name = entry.Name;
            if (known.Contains(name) || referenced.Contains(name) || services.Any(s => name.StartsWith(s, StringComparison.Ordinal)))
            {
                continue;
            }

            var suggestion = known.Select(k => (Name: k, Distance: EditDistance.Between(name, k, MaxDistance)))
                .Where(k => k.Distance <= MaxDistance)
                .OrderBy(k => k.Distance)
                .ThenBy(k => k.Name, StringComparer.Ordinal)
                .Select(k => k.Name)
                .FirstOrDefault();
            if (!postfix.DefaultsComplete && (suggestion is null || !name.Contains("tls", StringComparison.Ordinal)))
            {
                continue;
            }

            var steps = suggestion is null
                ? new[] { $"postconf -X {name}" }
                : [$"postconf -X {name}", $"postconf -e '{suggestion} = {entry.Value}'"];
            yield return FindingCatalogue.ParameterUnknown.Raise(
                $"{name} ({entry.Location}) is not a Postfix {postfix.Version} parameter, so Postfix ignores it (\"unused parameter\")"
                    + (suggestion is null ? "." : $"; did you mean {suggestion}?"),
                [new ConfigLineEvidence(entry.Location, entry.Text, name)],
                new Remediation(
                    suggestion is null ? "Remove the line, or spell the parameter you meant." : $"Rename it to {suggestion}.",
                    steps),
                affected: [name]);
        }
    }

    [GeneratedRegex(@"\$\{?\(?([A-Za-z0-9_]+)")]
    private static partial Regex Reference();
}
