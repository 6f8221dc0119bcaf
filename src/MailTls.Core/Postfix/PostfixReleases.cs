namespace MailTls.Core.Postfix;

/// <summary>
/// Release milestones that changed TLS behaviour, used by the protocol-list rules
/// (shared/reference/postfix-tls-semantics.md section 1.3).
/// </summary>
internal static class PostfixReleases
{
    /// <summary>
    /// The mid-2013 patch releases (2.6.15, 2.7.9, 2.8.10, 2.9.2) and 2.10+: the TLSv1.1/TLSv1.2
    /// names and the <c>!SSLv2</c> mandatory defaults.
    /// </summary>
    public static bool HasTls12Era(PostfixVersion v) =>
        v.AtLeast(2, 10) || v.InSeriesFrom(2, 9, 2) || v.InSeriesFrom(2, 8, 10) || v.InSeriesFrom(2, 7, 9) || v.InSeriesFrom(2, 6, 15);

    /// <summary>3.4 and the backports 3.0.14, 3.1.10, 3.2.7, 3.3.2: TLSv1.3 has a real protocol bit.</summary>
    public static bool HasRealTls13Bit(PostfixVersion v) =>
        v.AtLeast(3, 4) || v.InSeriesFrom(3, 3, 2) || v.InSeriesFrom(3, 2, 7) || v.InSeriesFrom(3, 1, 10) || v.InSeriesFrom(3, 0, 14);
}
