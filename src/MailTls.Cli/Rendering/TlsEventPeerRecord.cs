namespace MailTls.Cli.Rendering;

/// <summary>The <c>peer</c> object of an <c>--events</c> line.</summary>
internal sealed record TlsEventPeerRecord(string? Host, string? Ip, string? Org);
