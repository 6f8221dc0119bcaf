namespace MailTls.Core.Tls;

/// <summary>A key_share entry: the group and the length of its key_exchange value (the key itself is not kept).</summary>
/// <param name="Group">Named group.</param>
/// <param name="KeyExchangeLength">Length of key_exchange in bytes.</param>
public readonly record struct TlsKeyShareInfo(TlsNamedGroup Group, int KeyExchangeLength);
