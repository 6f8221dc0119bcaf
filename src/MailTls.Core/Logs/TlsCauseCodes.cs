namespace MailTls.Core.Logs;

/// <summary>The stable text codes of <see cref="TlsCause"/> (those of <c>reference/causes.md</c>).</summary>
public static class TlsCauseCodes
{
    /// <summary>The code, e.g. <c>protocol_version_mismatch</c>.</summary>
    /// <param name="cause">The cause.</param>
    /// <returns>The snake_case code used in JSON and in findings.</returns>
    public static string ToCode(this TlsCause cause) => cause switch
    {
        TlsCause.Unknown => "unknown",
        TlsCause.Ok => "ok",
        TlsCause.ProtocolVersionMismatch => "protocol_version_mismatch",
        TlsCause.NoSharedCipher => "no_shared_cipher",
        TlsCause.PeerRejectedOurCertificate => "peer_rejected_our_certificate",
        TlsCause.ServerCertNameMismatch => "server_cert_name_mismatch",
        TlsCause.ServerCertUntrusted => "server_cert_untrusted",
        TlsCause.CertExpired => "cert_expired",
        TlsCause.DaneTlsaMismatch => "dane_tlsa_mismatch",
        TlsCause.DaneLookupFailure => "dane_lookup_failure",
        TlsCause.FingerprintMismatch => "fingerprint_mismatch",
        TlsCause.TlsRequiredNotOffered => "tls_required_not_offered",
        TlsCause.TlsRequiredByUs => "tls_required_by_us",
        TlsCause.TlsModeMismatch => "tls_mode_mismatch",
        TlsCause.HandshakeTimeout => "handshake_timeout",
        TlsCause.PeerClosedDuringHandshake => "peer_closed_during_handshake",
        TlsCause.ClientCertificateProblem => "client_certificate_problem",
        TlsCause.LocalTlsConfigError => "local_tls_config_error",
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, "no code for this cause"),
    };
}
