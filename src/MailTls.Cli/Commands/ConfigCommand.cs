using System.CommandLine;
using MailTls.Cli.Rendering;
using MailTls.Collectors.Certificates;
using MailTls.Collectors.Postfix;
using MailTls.Core.Postfix;
using MailTls.Diagnosis;
using MailTls.Diagnosis.Checks.Config;

namespace MailTls.Cli.Commands;

/// <summary>
/// <c>mailtls config [DIR]</c>: what a Postfix TLS configuration accepts and refuses, and what is
/// wrong with it. Reads only; every fix is printed, never applied.
/// </summary>
internal static class ConfigCommand
{
    public static Command Create(CommandContext context)
    {
        var directory = new Argument<DirectoryInfo?>("dir")
        {
            Description = "The Postfix configuration directory (default: postconf -h config_directory, else /etc/postfix)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var options = new PostfixOptions();
        var fix = new Option<bool>("--fix")
        {
            Description = "Print only the commands that fix the findings, as a script to review (nothing is applied)",
        };
        var command = new Command("config", "What a Postfix TLS configuration accepts and refuses, and what is wrong with it")
        {
            directory,
            fix,
        };
        options.AddTo(command, withConfigDir: false);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var settings = context.Globals.Read(parsed);
            var request = options.Request(parsed, settings.Timeout, parsed.GetValue(directory));
            var (postfix, failures) = await PostfixConfigCollector.CollectAsync(request, cancellationToken);
            if (postfix is null)
            {
                throw new UserFacingException(PostfixOptions.ExplainMissing(failures));
            }

            var (certificates, rootCount, certificateFailures) = ServerCertificateCollector.Collect(postfix);
            var (policyTables, policyFailures) = LookupTableCollector.Read(postfix.Configuration.Resolve("smtp_tls_policy_maps"));
            var evidence = new EvidenceSet
            {
                Postfix = postfix,
                Certificates = certificates,
                DhParameterFiles = ServerCertificateCollector.CollectDhParameters(postfix),
                TrustedRootCount = rootCount,
                PolicyTables = policyTables,
                CollectedAt = context.Host.Time.GetUtcNow(),
                SourceFailures = [.. failures, .. certificateFailures, .. policyFailures],
            };
            var report = new Report
            {
                ToolVersion = MailTlsApp.Version,
                Command = "config",
                GeneratedAt = context.Host.Time.GetUtcNow(),
                Inputs = [.. Inputs(postfix), .. certificates.Select(c => new ReportInput("certificate", c.CertificateParameter.Value, c.CertificateParameter.Name))],
                Tables = ConfigFacts.Tables(evidence),
                Findings = Diagnoser.Diagnose(evidence),
            };
            if (parsed.GetValue(fix))
            {
                await FixScriptWriter.WriteAsync(report, context.Host.Out);
                return (int)ReportEmitter.ExitCodeFor(report, settings);
            }

            return await ReportEmitter.EmitAsync(report, settings, context.Host);
        });
        return command;
    }

    private static List<ReportInput> Inputs(PostfixEvidence postfix)
    {
        var inputs = new List<ReportInput>
        {
            new("config", postfix.Configuration.Main.Path, postfix.ConfigDirectoryOrigin),
        };
        if (postfix.Configuration.Master is { } master)
        {
            inputs.Add(new ReportInput("config", master.Path, postfix.ConfigDirectoryOrigin));
        }

        inputs.Add(new ReportInput("version", $"Postfix {postfix.Version}", postfix.VersionOrigin));
        inputs.Add(new ReportInput("version", $"OpenSSL {postfix.OpenSsl}", postfix.OpenSslOrigin));
        inputs.Add(new ReportInput("defaults", $"Postfix {postfix.Version}", postfix.DefaultsOrigin));
        return inputs;
    }
}
