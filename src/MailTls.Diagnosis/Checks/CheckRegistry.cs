namespace MailTls.Diagnosis.Checks;

/// <summary>
/// The explicit list of checks that run, in order. New capabilities add their checks here; nothing
/// is discovered by reflection, so what runs is what this file says.
/// </summary>
public static class CheckRegistry
{
    /// <summary>Every check.</summary>
    public static IReadOnlyList<ICheck> All { get; } =
    [
        new SourceUnavailableCheck(),
        new InboundHandshakeFailuresCheck(),
        new InboundCleartextFallbackCheck(),
        new PeerRejectsOurCertificateCheck(),
        new OutboundTlsFailuresCheck(),
        new TlsSetupErrorCheck(),
    ];
}
