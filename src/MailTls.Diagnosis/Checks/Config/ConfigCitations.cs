using MailTls.Core.Postfix;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.Config;

/// <summary>How configuration findings cite values and word their fixes.</summary>
internal static class ConfigCitations
{
    /// <summary>The line that set a parameter, or a statement that the default applies.</summary>
    public static EvidenceRef Cite(ResolvedParameter parameter, PostfixVersion version) => parameter.Source switch
    {
        ParameterSource.MainCf => new ConfigLineEvidence(parameter.Location!, $"{parameter.Name} = {parameter.RawValue}", parameter.Name),
        ParameterSource.MasterCfOverride => new ConfigLineEvidence(parameter.Location!, $"-o {parameter.Name}={parameter.RawValue}", parameter.Name),
        _ => new SourceEvidence("Postfix defaults", $"{parameter.Name} is not set, so Postfix {version}'s default applies: \"{parameter.RawValue}\""),
    };

    /// <summary>
    /// The command that sets a parameter where it is set today: <c>postconf -P</c> for a master.cf
    /// override (Postfix 2.11+), <c>postconf -e</c> for main.cf.
    /// </summary>
    public static string SetCommand(ResolvedParameter parameter, MasterService? service, string value) =>
        parameter.Source == ParameterSource.MasterCfOverride && service is not null
            ? $"postconf -P '{service.Key}/{parameter.Name}={value}'"
            : $"postconf -e '{parameter.Name} = {value}'";

    /// <summary>A service as a reader knows it: "smtp (port 25, master.cf:12)".</summary>
    public static string Describe(InboundTlsSettings service) =>
        service.Service is { } s
            ? $"{service.ServiceName} ({s.Location})"
            : $"{service.ServiceName} (port 25)";
}
