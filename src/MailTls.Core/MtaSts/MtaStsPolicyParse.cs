namespace MailTls.Core.MtaSts;

/// <summary>The outcome of parsing a policy body: the policy senders use, if any, and every violation.</summary>
/// <param name="Policy">The policy, when version, mode, max_age and (unless mode is none) mx could be read; null when senders reject the body.</param>
/// <param name="Problems">Every violation found, in line order; a usable policy may still have some.</param>
/// <param name="Lines">The body's first lines as text with non-printable characters replaced, for quoting in evidence.</param>
public sealed record MtaStsPolicyParse(MtaStsPolicy? Policy, IReadOnlyList<MtaStsProblem> Problems, IReadOnlyList<string> Lines);
