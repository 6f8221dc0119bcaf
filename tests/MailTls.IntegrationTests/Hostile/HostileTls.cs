using MailTls.Core.Tls;

namespace MailTls.IntegrationTests.Hostile;

/// <summary>Hand-built TLS bytes for the hostile scripts: records, a TLS 1.2 ServerHello, Certificate messages.</summary>
internal static class HostileTls
{
    private const int MaxFragment = 1 << 14;

    public static byte[] Record(TlsContentType type, ReadOnlySpan<byte> fragment, ushort version = 0x0303) =>
        [(byte)type, (byte)(version >> 8), (byte)version, (byte)(fragment.Length >> 8), (byte)fragment.Length, .. fragment];

    public static byte[] Handshake(TlsHandshakeType type, ReadOnlySpan<byte> body) =>
        [(byte)type, (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length, .. body];

    /// <summary>Handshake messages cut into records of at most 2^14 bytes, as a server sends them.</summary>
    public static byte[] InRecords(byte[] handshake) =>
        [.. handshake.Chunk(MaxFragment).SelectMany(chunk => Record(TlsContentType.Handshake, chunk))];

    /// <summary>
    /// A TLS 1.2 ServerHello choosing ECDHE-RSA-AES128-GCM-SHA256 with an empty renegotiation_info:
    /// legacy_version, random, empty session id, suite, null compression, extensions.
    /// </summary>
    public static byte[] ServerHello()
    {
        byte[] renegotiationInfo = [0xFF, 0x01, 0x00, 0x01, 0x00];
        byte[] body =
        [
            0x03, 0x03, .. Enumerable.Repeat((byte)0x5A, 32), 0x00, 0xC0, 0x2F, 0x00,
            (byte)(renegotiationInfo.Length >> 8), (byte)renegotiationInfo.Length, .. renegotiationInfo,
        ];
        return Handshake(TlsHandshakeType.ServerHello, body);
    }

    /// <summary>A Certificate message carrying <paramref name="certificates"/> as sent, whatever they contain.</summary>
    public static byte[] Certificate(IEnumerable<byte[]> certificates)
    {
        var list = certificates.SelectMany(der => (byte[])[(byte)(der.Length >> 16), (byte)(der.Length >> 8), (byte)der.Length, .. der]).ToArray();
        return Handshake(TlsHandshakeType.Certificate, [(byte)(list.Length >> 16), (byte)(list.Length >> 8), (byte)list.Length, .. list]);
    }

    public static byte[] ServerHelloDone() => Handshake(TlsHandshakeType.ServerHelloDone, []);

    /// <summary>A warning alert record (user_canceled), repeated <paramref name="count"/> times.</summary>
    public static byte[] WarningAlerts(int count) =>
        [.. Enumerable.Range(0, count).SelectMany(_ => Record(TlsContentType.Alert, [(byte)TlsAlertLevel.Warning, (byte)TlsAlertDescription.UserCanceled]))];
}
