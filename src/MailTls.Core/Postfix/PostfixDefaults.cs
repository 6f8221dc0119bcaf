namespace MailTls.Core.Postfix;

/// <summary>
/// Default values of every Postfix TLS parameter (and the few others mailtls's checks read) for
/// a release and the OpenSSL it was built with, from <see cref="PostfixParameterTable"/>: the
/// DEF_* values of src/global/mail_params.h of each release tag from 2.6.0 on. A test compares
/// them with <c>postconf -d</c> of the machine's Postfix. Parameters a release does not have are absent.
/// </summary>
public static class PostfixDefaults
{
    /// <summary>The defaults for a release built with a given OpenSSL.</summary>
    /// <param name="postfix">The Postfix release (releases before 2.6.0 get 2.6.0's defaults).</param>
    /// <param name="openSsl">The OpenSSL it was built with (the <c>aNULL:-aNULL:</c> prefix and some grades depend on it).</param>
    /// <returns>Parameter name to default value.</returns>
    public static IReadOnlyDictionary<string, string> For(PostfixVersion postfix, Version openSsl) =>
        PostfixParameterTable.DefaultsFor(postfix, openSsl);
}
