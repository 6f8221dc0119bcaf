using System.CommandLine;
using System.CommandLine.Parsing;
using MailTls.Cli.Rendering;
using MailTls.Collectors.Certificates;
using MailTls.Collectors.Postfix;
using MailTls.Core.OpenSsl;
using MailTls.Core.Postfix;
using MailTls.Diagnosis;

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
        var postconfOutput = new Option<FileInfo?>("--postconf-output")
        {
            Description = "Read 'postconf -n' output collected elsewhere instead of main.cf",
            HelpName = "FILE",
        };
        var postfixVersion = new Option<PostfixVersion?>("--postfix-version")
        {
            Description = "The Postfix release whose rules apply (default: this machine's postconf -h mail_version)",
            HelpName = "VERSION",
            CustomParser = ParsePostfixVersion,
        };
        var openSsl = new Option<Version?>("--openssl")
        {
            Description = "The OpenSSL release Postfix is linked with, e.g. 1.0.1e (default: this machine's openssl version)",
            HelpName = "VERSION",
            CustomParser = ParseOpenSslVersion,
        };
        var fix = new Option<bool>("--fix")
        {
            Description = "Print only the commands that fix the findings, as a script to review (nothing is applied)",
        };
        var command = new Command("config", "What a Postfix TLS configuration accepts and refuses, and what is wrong with it")
        {
            directory,
            postconfOutput,
            postfixVersion,
            openSsl,
            fix,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var settings = context.Globals.Read(parsed);
            var request = new PostfixConfigRequest(
                parsed.GetValue(directory)?.ToString(),
                parsed.GetValue(postconfOutput)?.ToString(),
                parsed.GetValue(postfixVersion),
                parsed.GetValue(openSsl),
                settings.Timeout);
            var (postfix, failures) = await PostfixConfigCollector.CollectAsync(request, cancellationToken);
            if (postfix is null)
            {
                var cause = failures.Count == 0 ? null : failures[^1];
                throw new UserFacingException(cause is null
                    ? "no Postfix configuration was found; give its directory, e.g. 'mailtls config /etc/postfix'"
                    : $"cannot read the Postfix configuration: {cause.Source}: {cause.Message}");
            }

            var (certificates, rootCount, certificateFailures) = ServerCertificateCollector.Collect(postfix);
            var evidence = new EvidenceSet
            {
                Postfix = postfix,
                Certificates = certificates,
                TrustedRootCount = rootCount,
                CollectedAt = context.Host.Time.GetUtcNow(),
                SourceFailures = [.. failures, .. certificateFailures],
            };
            var report = new Report
            {
                ToolVersion = MailTlsApp.Version,
                Command = "config",
                GeneratedAt = context.Host.Time.GetUtcNow(),
                Inputs = [.. Inputs(postfix), .. certificates.Select(c => new ReportInput("certificate", c.CertificateParameter.Value, c.CertificateParameter.Name))],
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

    private static PostfixVersion? ParsePostfixVersion(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (PostfixVersion.TryParse(text, out var version))
        {
            return version;
        }

        result.AddError($"--postfix-version: '{text}' is not a Postfix release such as 3.7.11");
        return null;
    }

    private static Version? ParseOpenSslVersion(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (OpenSslVersionText.TryParse(text, out var version))
        {
            return version;
        }

        result.AddError($"--openssl: '{text}' is not an OpenSSL release such as 1.0.1e or 3.0.15");
        return null;
    }
}
