namespace MailTls.Core.Tls;

/// <summary>Protocol versions in the words OpenSSL and Postfix use in logs and settings (TLSv1.2), so reports match what admins grep for.</summary>
public static class TlsProtocolNames
{
    /// <summary>The name of a protocol version; an unknown wire value is shown as hex.</summary>
    /// <param name="version">The version.</param>
    /// <returns>SSLv2, SSLv3, TLSv1, TLSv1.1, TLSv1.2, TLSv1.3 or 0xNNNN.</returns>
    public static string Of(TlsProtocolVersion version) => version switch
    {
        TlsProtocolVersion.Ssl2 => "SSLv2",
        TlsProtocolVersion.Ssl3 => "SSLv3",
        TlsProtocolVersion.Tls10 => "TLSv1",
        TlsProtocolVersion.Tls11 => "TLSv1.1",
        TlsProtocolVersion.Tls12 => "TLSv1.2",
        TlsProtocolVersion.Tls13 => "TLSv1.3",
        _ => $"0x{(ushort)version:X4}",
    };
}
