namespace MailTls.Core.OpenSsl;

/// <summary>A remark about one item of a cipher string.</summary>
/// <param name="Kind">What is wrong or notable.</param>
/// <param name="Offset">Offset of the item in the string as given (0-based).</param>
/// <param name="Item">The item text, prefix included.</param>
/// <param name="Message">One sentence for a postmaster.</param>
public sealed record CipherStringWarning(CipherStringWarningKind Kind, int Offset, string Item, string Message);
