namespace MailTls.Core.Logs;

/// <summary>One row of the successes table: what was negotiated, how often, in one direction.</summary>
/// <param name="Direction">Inbound or outbound.</param>
/// <param name="Protocol">The protocol, or null when not logged.</param>
/// <param name="Cipher">The cipher, or null when not logged.</param>
/// <param name="Trust">The trust label, or null when not logged.</param>
/// <param name="Count">How many sessions.</param>
public sealed record TlsSuccessRow(TlsDirection Direction, string? Protocol, string? Cipher, TlsTrust? Trust, int Count);
