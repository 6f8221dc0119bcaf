namespace MailTls.Core.Tls;

/// <summary>An extension's type and data length, in the order the peer sent it.</summary>
/// <param name="Type">Extension type; unknown and GREASE values are kept as numbers.</param>
/// <param name="Length">Length of extension_data in bytes.</param>
public readonly record struct TlsExtensionInfo(TlsExtensionType Type, int Length);
