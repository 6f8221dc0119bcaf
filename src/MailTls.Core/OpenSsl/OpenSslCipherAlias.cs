namespace MailTls.Core.OpenSsl;

/// <summary>
/// One <c>cipher_aliases[]</c> entry: a named mask. A suite matches when, for every field the alias
/// constrains, the suite's bit is in the mask (bits within a field are OR, fields are AND).
/// </summary>
internal sealed record OpenSslCipherAlias(
    string Name,
    OpenSslKeyExchange KeyExchange,
    OpenSslAuthentication Authentication,
    OpenSslEncryption Encryption,
    OpenSslMac Mac,
    OpenSslProtocol Protocol,
    OpenSslStrength Strength);
