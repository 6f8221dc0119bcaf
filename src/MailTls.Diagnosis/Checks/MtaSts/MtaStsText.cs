using System.Globalization;
using MailTls.Core.Dns;
using MailTls.Core.MtaSts;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.MtaSts;

/// <summary>Wording shared by the MTA-STS checks: records, policy lines and the exact text to publish.</summary>
internal static class MtaStsText
{
    /// <summary>The <c>max_age</c> suggested when the published one is unusable: one week, as RFC 8461 section 3.2's example.</summary>
    private const long DefaultMaxAgeSeconds = 604_800;

    /// <summary>The TXT answer's records as evidence, each quoted as in a zone file.</summary>
    public static IReadOnlyList<EvidenceRef> TxtEvidence(DnsAnswer<string> answer, IEnumerable<string> records) =>
        [.. records.Select(r => new DnsEvidence(answer.Name, "TXT", Quote(r), answer.Dnssec))];

    /// <summary>
    /// A new policy id. RFC 8461 section 3.1: senders refetch the policy only when the id changes, so
    /// every policy change needs a new one; a UTC timestamp is unique and fits 1-32 alphanumerics.
    /// </summary>
    public static string NewId(DateTimeOffset at) =>
        (at == default ? DateTimeOffset.UnixEpoch : at).UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    /// <summary>The <c>_mta-sts</c> record with a new id, as a zone-file line.</summary>
    public static string StsRecordLine(MtaStsEvidence evidence, DateTimeOffset at) =>
        $"_mta-sts.{evidence.Domain}. IN TXT {Quote($"v=STSv1; id={NewId(at)};")}";

    /// <summary>How to see what senders see when they fetch the policy.</summary>
    public static string Curl(MtaStsEvidence evidence) =>
        $"curl -sS --max-redirs 0 -D - {evidence.Fetch?.Url ?? $"https://{evidence.PolicyHost}/.well-known/mta-sts.txt"}";

    /// <summary>
    /// The policy to publish: the published values where they are valid, otherwise mode testing,
    /// the MX hosts from DNS and a week's max_age, with each extra MX host that must be covered.
    /// </summary>
    public static IReadOnlyList<string> PolicyLines(MtaStsEvidence evidence, IEnumerable<string> addMx)
    {
        var policy = evidence.Policy?.Policy;
        var mode = (policy?.Mode ?? MtaStsMode.Testing).ToString().ToLowerInvariant();
        var maxAge = policy is null ? DefaultMaxAgeSeconds : (long)policy.MaxAge.TotalSeconds;
        IEnumerable<string> mx = policy is not null && policy.Mx.Count > 0
            ? policy.Mx.Select(m => m.Pattern)
            : evidence.Mx?.Hosts.Select(h => h.Exchange.TrimEnd('.')) ?? [];
        return
        [
            "version: STSv1",
            $"mode: {mode}",
            .. mx.Concat(addMx).Distinct(StringComparer.OrdinalIgnoreCase).Select(m => $"mx: {m}"),
            string.Create(CultureInfo.InvariantCulture, $"max_age: {maxAge}"),
        ];
    }

    /// <summary>A policy problem as evidence, located at its line of the URL.</summary>
    public static EvidenceRef ProblemEvidence(MtaStsEvidence evidence, MtaStsProblem problem)
    {
        var url = evidence.Fetch?.Url ?? evidence.PolicyHost;
        var lines = evidence.Policy?.Lines ?? [];
        return problem.Line > 0 && problem.Line <= lines.Count
            ? new SourceEvidence(string.Create(CultureInfo.InvariantCulture, $"{url} line {problem.Line}"), $"'{lines[problem.Line - 1]}': {problem.Message}")
            : new SourceEvidence(url, problem.Message);
    }

    public static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
