namespace MailTls.Core.Postfix;

/// <summary>
/// Works out what each smtpd service offers, following smtpd.c pre_jail_init(): the level from
/// smtpd_tls_security_level (or, when empty, the obsolete smtpd_enforce_tls/smtpd_use_tls), the
/// mandatory protocol list when enforced (level encrypt or wrapper mode), else the opportunistic one.
/// </summary>
public static class InboundTlsEvaluator
{
    /// <summary>Evaluates every inet smtpd service, or the implicit port 25 service when master.cf is unknown.</summary>
    /// <param name="config">The layered configuration.</param>
    /// <param name="postfix">The Postfix release.</param>
    /// <param name="openSsl">The OpenSSL release.</param>
    /// <param name="mxPort">The port other mail servers deliver to; services listening on it receive from MTAs.</param>
    /// <returns>One entry per service.</returns>
    public static IReadOnlyList<InboundTlsSettings> Evaluate(PostfixConfiguration config, PostfixVersion postfix, Version openSsl, int mxPort = 25)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Master is null)
        {
            return [For(config, null, "smtp", true, postfix, openSsl)];
        }

        return [.. config.Master.Services
            .Where(s => s.Type == "inet" && s.Command == "smtpd")
            .Select(s => For(config, s, s.Name, ReceivesOn(s.Name, mxPort), postfix, openSsl))];
    }

    private static InboundTlsSettings For(PostfixConfiguration config, MasterService? service, string name, bool port25, PostfixVersion postfix, Version openSsl)
    {
        var (level, levelParameter) = Level(config, service);
        var wrapper = config.Resolve("smtpd_tls_wrappermode", service).IsYes;
        var enforced = level == SmtpdTlsLevel.Encrypt || wrapper;
        var protocols = config.Resolve(
            enforced || !postfix.AtLeast(2, 6) ? "smtpd_tls_mandatory_protocols" : "smtpd_tls_protocols",
            service);
        return new InboundTlsSettings
        {
            Service = service,
            ServiceName = name,
            ReceivesFromMtas = port25,
            Level = level,
            LevelParameter = levelParameter,
            WrapperMode = wrapper,
            ProtocolsParameter = protocols,
            Protocols = ProtocolListEvaluator.Evaluate(protocols.Value, postfix, openSsl),
            Ciphers = CipherListBuilder.ForSmtpd(config, service, enforced, postfix),
        };
    }

    private static (SmtpdTlsLevel, ResolvedParameter) Level(PostfixConfiguration config, MasterService? service)
    {
        var level = config.Resolve("smtpd_tls_security_level", service);
        switch (level.Value.Trim().ToUpperInvariant())
        {
            case "NONE":
                return (SmtpdTlsLevel.None, level);
            case "MAY":
                return (SmtpdTlsLevel.May, level);
            case "ENCRYPT":
            case "FINGERPRINT":
            case "VERIFY":
            case "SECURE":
                // smtpd reads the client-only levels as encrypt, with a warning.
                return (SmtpdTlsLevel.Encrypt, level);
            case "":
                var enforce = config.Resolve("smtpd_enforce_tls", service);
                if (enforce.IsYes)
                {
                    return (SmtpdTlsLevel.Encrypt, enforce);
                }

                var use = config.Resolve("smtpd_use_tls", service);
                return (use.IsYes ? SmtpdTlsLevel.May : SmtpdTlsLevel.None, use);
            default:
                return (SmtpdTlsLevel.Invalid, level);
        }
    }


    /// <summary>master.cf's "smtp" service is port 25 (/etc/services); "host:25" and "25" are too.</summary>
    /// <summary>Evaluates the services of collected evidence, with its MX port.</summary>
    /// <param name="evidence">The collected configuration.</param>
    /// <returns>One entry per service.</returns>
    public static IReadOnlyList<InboundTlsSettings> Evaluate(PostfixEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return Evaluate(evidence.Configuration, evidence.Version, evidence.OpenSsl, evidence.MxPort);
    }

    private static bool ReceivesOn(string service, int mxPort) =>
        ServiceEndpoint.TryParse(service, out _, out var port) && port == mxPort;
}
