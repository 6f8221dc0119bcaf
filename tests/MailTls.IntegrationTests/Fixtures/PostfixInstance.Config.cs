using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MailTls.IntegrationTests.Fixtures;

/// main.cf and master.cf generation.
internal sealed partial class PostfixInstance
{
    private const string MasterCfTemplate = "/etc/postfix/master.cf.proto";

    /// Builds the effective main.cf: safe defaults, then the test's own parameters on top.
    private Dictionary<string, string> MainCfParameters(TestLeaf certificate)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["compatibility_level"] = "3.6",
            ["config_directory"] = ConfigDirectory,
            ["queue_directory"] = QueueDirectory,
            ["data_directory"] = DataDirectory,
            ["multi_instance_name"] = InstanceName,

            // Log to our own file (no syslog needed); Postfix only writes under a listed prefix.
            ["maillog_file"] = LogFilePath,
            ["maillog_file_prefixes"] = $"/var, /dev/stdout, {RootDirectory}",

            ["myhostname"] = Options.HostName,
            ["mydomain"] = "mailtls.test",
            ["myorigin"] = "$myhostname",
            ["mydestination"] = string.Empty,
            ["mynetworks"] = "127.0.0.0/8 [::1]/128",
            ["inet_interfaces"] = "loopback-only",
            ["inet_protocols"] = Options.ListenIPv6 ? "all" : "ipv4",
            ["smtpd_banner"] = "$myhostname ESMTP",

            // No local aliases or NIS lookups: they only add errors and warnings to the log.
            ["alias_maps"] = string.Empty,
            ["alias_database"] = string.Empty,
            ["local_recipient_maps"] = string.Empty,
            ["biff"] = "no",

            // Never send mail anywhere.
            ["default_transport"] = "error:5.7.0 outbound mail disabled in mailtls test instance",
            ["relay_transport"] = "error:5.7.0 outbound mail disabled in mailtls test instance",
            ["local_transport"] = "error:5.7.0 local delivery disabled in mailtls test instance",
            ["virtual_transport"] = "error:5.7.0 virtual delivery disabled in mailtls test instance",
            ["relayhost"] = string.Empty,

            ["smtpd_tls_security_level"] = "may",
            ["smtpd_tls_cert_file"] = certificate.ChainPemPath,
            ["smtpd_tls_key_file"] = certificate.KeyPemPath,
            ["smtpd_tls_loglevel"] = "1",
        };
        foreach (var (name, value) in Options.MainCf)
        {
            parameters[name] = value;
        }

        return parameters;
    }

    private async Task WriteConfigurationAsync(TestLeaf certificate, CancellationToken cancellationToken)
    {
        var mainCf = new StringBuilder();
        mainCf.AppendLine(CultureInfo.InvariantCulture, $"# Private Postfix instance {InstanceName} for mailtls integration tests.");
        foreach (var (name, value) in MainCfParameters(certificate))
        {
            mainCf.AppendLine(CultureInfo.InvariantCulture, $"{name} = {value}");
        }

        await File.WriteAllTextAsync(Path.Combine(ConfigDirectory, "main.cf"), mainCf.ToString(), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(ConfigDirectory, "master.cf"), await MasterCfAsync(cancellationToken), cancellationToken);

        // chroot would need copies of /etc files inside the queue directory; tests gain nothing from it.
        (await PostconfAsync(["-F", "*/*/chroot = n"], cancellationToken)).EnsureSuccess();
    }

    private async Task<string> MasterCfAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(MasterCfTemplate))
        {
            throw new InvalidOperationException($"{MasterCfTemplate} is missing; it ships with the Debian package 'postfix'. Reinstall it.");
        }

        var template = await File.ReadAllTextAsync(MasterCfTemplate, cancellationToken);
        var listeners = new StringBuilder();
        AppendListener(listeners, $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");
        if (Options.ListenIPv6)
        {
            AppendListener(listeners, $"[::1]:{Port.ToString(CultureInfo.InvariantCulture)}");
        }

        var smtpLine = SmtpInetLine();
        if (!smtpLine.IsMatch(template))
        {
            throw new InvalidOperationException($"{MasterCfTemplate} has no 'smtp inet' line to replace.");
        }

        var masterCf = new StringBuilder(smtpLine.Replace(template, listeners.ToString().TrimEnd('\n'), 1));
        masterCf.AppendLine();
        foreach (var line in Options.MasterCfLines)
        {
            masterCf.AppendLine(line);
        }

        return masterCf.ToString();
    }

    private void AppendListener(StringBuilder masterCf, string address)
    {
        masterCf.Append(CultureInfo.InvariantCulture, $"{address} inet n - n - - smtpd\n");
        foreach (var (name, value) in Options.SmtpdOverrides)
        {
            masterCf.Append(CultureInfo.InvariantCulture, $"  -o {name}={value}\n");
        }
    }

    [GeneratedRegex(@"^smtp\s+inet\s.*$", RegexOptions.Multiline)]
    private static partial Regex SmtpInetLine();
}
