namespace MailTls.Core.Postfix;

/// <summary>A suite the sender offers that the server will not use, and why.</summary>
/// <param name="Suite">The OpenSSL name (or the IANA code when OpenSSL does not know it).</param>
/// <param name="Reason">Why, in one phrase.</param>
/// <param name="Terms">The cipher-string items that removed or excluded it, in order; empty when something else blocks it.</param>
public sealed record BlockedSuite(string Suite, string Reason, IReadOnlyList<string> Terms);
