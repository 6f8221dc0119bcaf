namespace MailTls.Diagnosis.Findings;

/// <summary>
/// What to change: exact commands or lines, never prose alone. mailtls only suggests; it never
/// applies a fix.
/// </summary>
/// <param name="Summary">One sentence: what the change does.</param>
/// <param name="Steps">Exact commands or configuration lines, in order (e.g. <c>postconf -e ...</c>).</param>
/// <param name="TradeOff">What the fix gives up, when it weakens anything.</param>
public sealed record Remediation(string Summary, IReadOnlyList<string> Steps, string? TradeOff = null);
