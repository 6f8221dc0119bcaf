using MailTls.Diagnosis.Checks.Certificates;
using MailTls.Diagnosis.Checks.Config;
using MailTls.Diagnosis.Checks.MtaSts;
using MailTls.Diagnosis.Checks.Policy;
using MailTls.Diagnosis.Checks.Probe;

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
        new ConfigSyntaxCheck(),
        new ProtocolListInvalidCheck(),
        new MandatorySettingUnusedCheck(),
        new InboundProtocolFloorCheck(),
        new CipherlistNoSharedSuiteCheck(),
        new CipherlistTermPitfallCheck(),
        new ParameterUnknownCheck(),
        new ParameterObsoleteCheck(),
        new PolicyDaneWithoutDnssecCheck(),
        new CertFileInvalidCheck(),
        new CertKeyMismatchCheck(),
        new CertChainOrderCheck(),
        new CertChainIncompleteCheck(),
        new CertChainIncludesRootCheck(),
        new CertExpiringCheck(),
        new CertKeyWeakCheck(),
        new DhParamsWeakCheck(),
        new CertNameMismatchCheck(),
        new PolicyInvalidCheck(),
        new PolicySecureNameMismatchCheck(),
        new PolicyMatchHostnameCheck(),
        new PolicyNoCaConfiguredCheck(),
        new PolicyChainUntrustedCheck(),
        new PolicyEntryUnreachableCheck(),
        new PolicyTlsUnsatisfiableCheck(),
        new DaneDnssecCheck(),
        new DaneTlsaMatchCheck(),
        new DaneRolloverCheck(),
        new InboundHandshakeFailuresCheck(),
        new InboundCleartextFallbackCheck(),
        new PeerRejectsOurCertificateCheck(),
        new OutboundTlsFailuresCheck(),
        new TlsSetupErrorCheck(),
        new MtaStsRecordCheck(),
        new MtaStsPolicyFetchCheck(),
        new MtaStsPolicySyntaxCheck(),
        new MtaStsMxCoverageCheck(),
        new StartTlsNotOfferedCheck(),
        new ProbeBlockedCheck(),
        new ProbeProtocolFloorCheck(),
        new SenderCannotNegotiateCheck(),
        new LegacyProtocolAcceptedCheck(),
        new WeakSuiteAcceptedCheck(),
        new NoForwardSecrecyCheck(),
        new TlsCompressionCheck(),
        new SessionResumptionCheck(),
        new ServedChainCheck(),
        new ServedCertificateExpiryCheck(),
        new ServedCertificateNameCheck(),
    ];
}
