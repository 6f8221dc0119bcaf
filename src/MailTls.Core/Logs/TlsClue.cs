namespace MailTls.Core.Logs;

/// <summary>One line's contribution to a session's cause: what it says and where it was read.</summary>
/// <param name="Cause">The cause the line indicates.</param>
/// <param name="Detail">The reason text (OpenSSL reason, verify error, deferral text).</param>
/// <param name="Line">1-based line number.</param>
/// <param name="Text">The message part of the line, for evidence.</param>
internal sealed record TlsClue(TlsCause Cause, string Detail, int Line, string Text);
