namespace MailTls.Core.Dns;

/// <summary>One MX record's data (RFC 1035 section 3.3.9).</summary>
/// <param name="Preference">Lower is tried first.</param>
/// <param name="Exchange">The mail server's host name, fully qualified; <c>.</c> in a null MX (RFC 7505).</param>
public sealed record MxHost(int Preference, string Exchange)
{
    /// <summary>Whether this is the RFC 7505 section 3 null MX: preference 0 and exchange <c>.</c>.</summary>
    public bool IsNullMx => Exchange == ".";
}
