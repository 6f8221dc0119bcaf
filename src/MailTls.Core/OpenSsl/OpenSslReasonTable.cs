using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using MailTls.Core.Logs;

namespace MailTls.Core.OpenSsl;

/// <summary>
/// OpenSSL error reasons that TLS logs carry, with the cause each one indicates.
/// </summary>
/// <remarks>
/// Provenance: reason numbers and texts are those of <c>include/openssl/sslerr.h</c> and
/// <c>ssl/ssl_err.c</c> (OpenSSL 3.0), which kept the 0.9.8/1.0.x/1.1.x numbers: <c>SSL_R_*</c> codes are
/// never renumbered, only added. A unit test checks every SSL entry against <c>openssl errstr</c>. The
/// same reason therefore shows up as <c>error:140760FC:SSL routines:SSL23_GET_CLIENT_HELLO:unknown protocol</c>
/// (1.0.x), <c>error:14209102:SSL routines:tls_early_post_process_client_hello:unsupported protocol</c>
/// (1.1.x) and <c>error:0A000102:SSL routines::unsupported protocol</c> (3.x); lookups go by text first
/// and by number when a build without strings printed <c>reason(N)</c>.
/// A reason that is missing here stays <see cref="TlsCause.Unknown"/> with its text: never a guess.
/// </remarks>
internal static class OpenSslReasonTable
{
    /// <summary>Every attributed reason, grouped by cause.</summary>
    public static IReadOnlyList<OpenSslReason> All { get; } =
    [
        // The peer's version range and ours do not overlap. 1.0.x servers said "unknown protocol" from
        // SSL23_GET_CLIENT_HELLO both for a disabled version and for non-TLS bytes; scenario 1 shows it
        // for TLS 1.0 clients against a TLS 1.2-only server, so it is read as a version refusal.
        Ssl(0xFC, "unknown protocol", TlsCause.ProtocolVersionMismatch),
        Ssl(0x102, "unsupported protocol", TlsCause.ProtocolVersionMismatch),
        Ssl(0x10A, "wrong ssl version", TlsCause.ProtocolVersionMismatch),
        Ssl(0x18C, "version too low", TlsCause.ProtocolVersionMismatch),
        Ssl(0xA6, "version too high", TlsCause.ProtocolVersionMismatch),
        Ssl(0x103, "unsupported ssl version", TlsCause.ProtocolVersionMismatch),
        Ssl(0xFE, "unknown ssl version", TlsCause.ProtocolVersionMismatch),
        Ssl(0x74, "bad protocol version number", TlsCause.ProtocolVersionMismatch),
        Ssl(0x42E, "tlsv1 alert protocol version", TlsCause.ProtocolVersionMismatch),
        // RFC 7507: the server saw the downgrade sentinel; its version set has a hole or a lower ceiling.
        Ssl(0x175, "inappropriate fallback", TlsCause.ProtocolVersionMismatch),
        Ssl(0x43E, "tlsv1 alert inappropriate fallback", TlsCause.ProtocolVersionMismatch),

        // Versions agree, but no suite, group or signature algorithm does.
        Ssl(0xC1, "no shared cipher", TlsCause.NoSharedCipher),
        Ssl(0x178, "no shared signature algorithms", TlsCause.NoSharedCipher),
        Ssl(0x76, "no suitable signature algorithm", TlsCause.NoSharedCipher),
        Ssl(0x19A, "no shared groups", TlsCause.NoSharedCipher),
        Ssl(0x127, "no suitable groups", TlsCause.NoSharedCipher),
        Ssl(0x65, "no suitable key share", TlsCause.NoSharedCipher),
        Ssl(0x18A, "dh key too small", TlsCause.NoSharedCipher),
        // OpenSSL 3 at security level 1 refuses the SHA-1 signatures TLS 1.0/1.1 need (Postfix raises
        // the level at verify/secure/dane): the versions agree, the signature algorithms do not.
        Ssl(0x14D, "legacy sigalg disallowed or unsupported", TlsCause.NoSharedCipher),
        Ssl(0x42F, "tlsv1 alert insufficient security", TlsCause.NoSharedCipher),

        // Alerts received from the peer about the certificate we sent.
        Ssl(0x412, "sslv3 alert bad certificate", TlsCause.PeerRejectedOurCertificate),
        Ssl(0x418, "tlsv1 alert unknown ca", TlsCause.PeerRejectedOurCertificate),
        Ssl(0x416, "sslv3 alert certificate unknown", TlsCause.PeerRejectedOurCertificate),
        Ssl(0x415, "sslv3 alert certificate expired", TlsCause.PeerRejectedOurCertificate),
        Ssl(0x413, "sslv3 alert unsupported certificate", TlsCause.PeerRejectedOurCertificate),
        Ssl(0x414, "sslv3 alert certificate revoked", TlsCause.PeerRejectedOurCertificate),

        // A client certificate was required and missing.
        Ssl(0xC7, "peer did not return a certificate", TlsCause.ClientCertificateProblem),
        Ssl(0x45C, "tlsv13 alert certificate required", TlsCause.ClientCertificateProblem),
        Ssl(0x411, "sslv3 alert no certificate", TlsCause.ClientCertificateProblem),

        // The verifier rejected the peer's chain. Outbound this is the server's certificate; the
        // correlator turns it into a client-certificate problem for inbound sessions.
        Ssl(0x86, "certificate verify failed", TlsCause.ServerCertUntrusted),

        // One side was not speaking TLS: plaintext or HTTP after STARTTLS, TLS to a plaintext port.
        Ssl(0x10B, "wrong version number", TlsCause.TlsModeMismatch),
        Ssl(0x9C, "http request", TlsCause.TlsModeMismatch),
        Ssl(0x9B, "https proxy request", TlsCause.TlsModeMismatch),
        Ssl(0xC6, "packet length too long", TlsCause.TlsModeMismatch),

        Ssl(0x126, "unexpected eof while reading", TlsCause.PeerClosedDuringHandshake),

        // Our own setup.
        Ssl(0xB9, "no cipher match", TlsCause.LocalTlsConfigError),
        Ssl(0xBF, "no protocols available", TlsCause.LocalTlsConfigError),
        Ssl(0xB5, "no ciphers available", TlsCause.LocalTlsConfigError),
        Ssl(0xA1, "library has no ciphers", TlsCause.LocalTlsConfigError),
        Ssl(0x18F, "ee key too small", TlsCause.LocalTlsConfigError),
        Ssl(0x18D, "ca key too small", TlsCause.LocalTlsConfigError),
        Ssl(0x18E, "ca md too weak", TlsCause.LocalTlsConfigError),
        Ssl(0x120, "private key mismatch", TlsCause.LocalTlsConfigError),
        Ssl(0xB1, "no certificate assigned", TlsCause.LocalTlsConfigError),
        Ssl(0xBE, "no private key assigned", TlsCause.LocalTlsConfigError),
        new(OpenSslLibrary.X509, 0x74, "key values mismatch", TlsCause.LocalTlsConfigError),
        new(OpenSslLibrary.Pem, 0x6C, "no start line", TlsCause.LocalTlsConfigError),
        new(OpenSslLibrary.Pem, 0x68, "bad password read", TlsCause.LocalTlsConfigError),
        new(OpenSslLibrary.Evp, 0, "bad decrypt", TlsCause.LocalTlsConfigError),
        new(OpenSslLibrary.System, 0, "No such file or directory", TlsCause.LocalTlsConfigError),
        new(OpenSslLibrary.System, 0, "Permission denied", TlsCause.LocalTlsConfigError),
        new(OpenSslLibrary.System, 0, "Connection reset by peer", TlsCause.PeerClosedDuringHandshake),

        // Known, but they do not say why: the peer refused without a specific alert.
        Ssl(0x410, "sslv3 alert handshake failure", TlsCause.Unknown),
        Ssl(0xE5, "ssl handshake failure", TlsCause.Unknown),
        Ssl(0x438, "tlsv1 alert internal error", TlsCause.Unknown),
        Ssl(0x41B, "tlsv1 alert decrypt error", TlsCause.Unknown),
        Ssl(0x419, "tlsv1 alert access denied", TlsCause.Unknown),
    ];

    private static readonly FrozenDictionary<string, OpenSslReason> ByText =
        All.ToFrozenDictionary(r => r.Text, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, OpenSslReason>.AlternateLookup<ReadOnlySpan<char>> ByTextSpan =
        ByText.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenDictionary<int, OpenSslReason> SslByNumber =
        All.Where(r => r.Library == OpenSslLibrary.Ssl).ToFrozenDictionary(r => r.Number);

    /// <summary>Looks up a reason by its text (case-insensitive), e.g. <c>no shared cipher</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static OpenSslReason? FindByText(ReadOnlySpan<char> reason) =>
        ByTextSpan.TryGetValue(reason.Trim(), out var entry) ? entry : null;

    /// <summary>
    /// Looks up the reason of a parsed error: by text, then, for SSL errors whose text is missing or
    /// numeric (<c>reason(252)</c>), by the reason number packed in the code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static OpenSslReason? Find(in OpenSslError error)
    {
        if (FindByText(error.Reason) is { } byText)
        {
            return byText;
        }

        var (library, number) = error.Decode();
        return library == OpenSslLibrary.Ssl && SslByNumber.TryGetValue(number, out var byNumber) ? byNumber : null;
    }

    private static OpenSslReason Ssl(int number, string text, TlsCause cause) => new(OpenSslLibrary.Ssl, number, text, cause);
}
