using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using MailTls.Cli.Rendering;
using MailTls.Collectors.Processes;
using MailTls.Core.OpenSsl;

namespace MailTls.Cli.Commands;

/// <summary>
/// <c>mailtls ciphers STRING</c>: what an OpenSSL release makes of a cipher string, printed as
/// <c>openssl ciphers -v</c> prints it (same order, same names, same columns), and with
/// <c>--explain</c> what each item of the string added, removed, moved or excluded for good.
/// </summary>
internal static class CiphersCommand
{
    public static Command Create(CommandContext context)
    {
        var text = new Argument<string>("string") { Description = "The OpenSSL cipher string, e.g. 'HIGH:!aNULL:!MD5'" };
        var openSsl = new Option<string?>("--openssl")
        {
            Description = "The OpenSSL release whose rules apply: 1.0.2, 1.1.1, 3.0 or a full version such as 1.0.1e (default: this machine's)",
            HelpName = "VERSION",
            CustomParser = PostfixOptions.ParseOpenSslVersion,
        };
        var explain = new Option<bool>("--explain") { Description = "Show what each item of the string did" };
        var tls13 = new Option<string?>("--ciphersuites")
        {
            Description = "The TLS 1.3 suites (openssl's -ciphersuites), which the cipher string does not control",
            HelpName = "LIST",
        };
        var command = new Command("ciphers", "What an OpenSSL cipher string selects, in order, and why")
        {
            text, openSsl, explain, tls13,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var settings = context.Globals.Read(parsed);
            var version = parsed.GetValue(openSsl)
                ?? await ExternalCommand.MachineOpenSslAsync(settings.Timeout, cancellationToken: cancellationToken)
                ?? throw new UserFacingException("this machine's openssl cannot be run to find its version; give --openssl 1.0.2, 1.1.1 or 3.0");
            if (!OpenSslBuild.TryParseVersion(version, out var build) || build is null)
            {
                throw new UnreachableException($"'{version}' passed the --openssl parser but names no build");
            }

            var result = OpenSslCipherString.Evaluate(parsed.GetValue(text)!, build, parsed.GetValue(tls13));
            if (settings.Json)
            {
                await context.Host.Out.WriteLineAsync(JsonSerializer.Serialize(CipherListJson.From(result, version), CipherListJsonContext.Default.CipherListJson));
            }
            else if (result.IsAccepted)
            {
                foreach (var suite in result.ToOpenSslCiphersList())
                {
                    await context.Host.Out.WriteLineAsync(OpenSslCipherDescription.Format(suite, build.Era));
                }
            }

            if (!result.IsAccepted)
            {
                var warning = result.Warnings.FirstOrDefault()?.ToString() ?? result.Status.ToString();
                throw new UserFacingException($"OpenSSL {version} rejects this cipher string: {warning}");
            }

            if (parsed.GetValue(explain) && !settings.Json)
            {
                await context.Host.Out.WriteLineAsync();
                foreach (var term in result.Terms.Where(t => !t.FromDefaultExpansion))
                {
                    await context.Host.Out.WriteLineAsync(CipherListJson.Describe(term));
                }
            }

            return (int)ExitCode.Clean;
        });
        return command;
    }
}
