namespace MailTls.Core.Postfix;

/// <summary>
/// Release milestones that changed TLS behaviour, shared by the protocol-list rules and the
/// default table (shared/reference/postfix-tls-semantics.md sections 1.2, 1.3 and 2.2).
/// </summary>
internal static class PostfixReleases
{
    /// <summary>
    /// The mid-2013 patch releases (2.6.15, 2.7.9, 2.8.10, 2.9.2) and 2.10+: the TLSv1.1/TLSv1.2
    /// names and the <c>!SSLv2</c> mandatory defaults.
    /// </summary>
    public static bool HasTls12Era(PostfixVersion v) =>
        v.AtLeast(2, 10) || v.InSeriesFrom(2, 9, 2) || v.InSeriesFrom(2, 8, 10) || v.InSeriesFrom(2, 7, 9) || v.InSeriesFrom(2, 6, 15);

    /// <summary>The mid-2015 POODLE patch releases (2.9.14, 2.10.8, 2.11.6, 3.0.2): SSLv3 off by default, grade medium.</summary>
    public static bool HasPoodleDefaults(PostfixVersion v) =>
        v.AtLeast(3, 0, 2) || v.InSeriesFrom(2, 11, 6) || v.InSeriesFrom(2, 10, 8) || v.InSeriesFrom(2, 9, 14);

    /// <summary>3.4 and the backports 3.0.14, 3.1.10, 3.2.7, 3.3.2: TLSv1.3 has a real protocol bit.</summary>
    public static bool HasRealTls13Bit(PostfixVersion v) =>
        v.AtLeast(3, 4) || v.InSeriesFrom(3, 3, 2) || v.InSeriesFrom(3, 2, 7) || v.InSeriesFrom(3, 1, 10) || v.InSeriesFrom(3, 0, 14);

    /// <summary>2.6.7, 2.7.1 and 2.8+: the <c>aNULL:-aNULL:</c> prefix when built with OpenSSL 1.0.0 or later.</summary>
    public static bool HasPreferAnullPrefix(PostfixVersion v) =>
        v.AtLeast(2, 8) || v.InSeriesFrom(2, 7, 1) || v.InSeriesFrom(2, 6, 7);
}
