using System.Text.RegularExpressions;
using MailTls.Core.Postfix;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Config;

/// <summary>
/// main.cf parameters Postfix does not know and nothing refers to: Postfix ignores them with
/// "warning: ...: unused parameter", so a misspelt TLS setting silently does nothing. With
/// postconf -d defaults every name is judged; with mailtls's table of every TLS parameter per
/// release, every TLS name is, and a name another release knows says which release added or
/// dropped it.
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
            if (known.Contains(name) || referenced.Contains(name) || ParameterObsoleteCheck.Reports(name, postfix.Version, postfix.OpenSsl)
                || services.Any(s => name.StartsWith(s, StringComparison.Ordinal)))
            {
                continue;
            }

            var history = PostfixParameterTable.History(name, postfix.Version);
            var suggestion = history is null
                ? known.Select(k => (Name: k, Distance: EditDistance.Between(name, k, MaxDistance)))
                    .Where(k => k.Distance <= MaxDistance)
                    .OrderBy(k => k.Distance)
                    .ThenBy(k => k.Name, StringComparer.Ordinal)
                    .Select(k => k.Name)
                    .FirstOrDefault()
                : null;
            if (!postfix.DefaultsComplete && !PostfixParameterTable.IsTlsName(name))
            {
                continue;
            }

            var why = history switch
            {
                { AddedIn: { } added } => $"; it came with Postfix {added}",
                { RemovedIn: { } removed } => $"; Postfix {removed} dropped it (it was there from {history.FirstRelease}{(history.FirstRelease == PostfixParameterTable.Oldest ? " or earlier" : string.Empty)})",
                _ when suggestion is not null => $"; did you mean {suggestion}?",
                _ => ".",
            };
            var steps = suggestion is null
                ? new[] { $"postconf -X {name}" }
                : [$"postconf -X {name}", $"postconf -e '{suggestion} = {entry.Value}'"];
            var remedy = history switch
            {
                { AddedIn: { } added } => $"Upgrade to Postfix {added} or later for this setting, or remove the line: today it does nothing.",
                { RemovedIn: not null } => "Remove the line: this release ignores it.",
                _ when suggestion is not null => $"Rename it to {suggestion}.",
                _ => "Remove the line, or spell the parameter you meant.",
            };
            yield return FindingCatalogue.ParameterUnknown.Raise(
                $"{name} ({entry.Location}) is not a Postfix {postfix.Version} parameter, so Postfix ignores it (\"unused parameter\"){why}",
                [new ConfigLineEvidence(entry.Location, entry.Text, name)],
                new Remediation(remedy, steps),
                affected: [name]);
        }
    }

    [GeneratedRegex(@"\$\{?\(?([A-Za-z0-9_]+)")]
    private static partial Regex Reference();
}
