using MailTls.Core.Logs;

namespace MailTls.Core.OpenSsl;

/// <summary>An OpenSSL error reason with the cause it indicates.</summary>
/// <param name="Library">The library that raises it.</param>
/// <param name="Number">The reason number (<c>SSL_R_*</c> etc.), or 0 when it is matched by text only.</param>
/// <param name="Text">The reason string as <c>ERR_reason_error_string</c> prints it.</param>
/// <param name="Cause">What it means for the attempt. <see cref="TlsCause.Unknown"/> entries are known reasons that do not say why.</param>
internal sealed record OpenSslReason(OpenSslLibrary Library, int Number, string Text, TlsCause Cause);
