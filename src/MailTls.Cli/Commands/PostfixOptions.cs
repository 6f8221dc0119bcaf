using System.CommandLine;
using System.CommandLine.Parsing;
using MailTls.Collectors.Postfix;
using MailTls.Core.Evidence;
using MailTls.Core.OpenSsl;
using MailTls.Core.Postfix;

namespace MailTls.Cli.Commands;

/// <summary>The options that say which Postfix configuration to read, shared by config and policy.</summary>
internal sealed class PostfixOptions
{
    public Option<DirectoryInfo?> ConfigDir { get; } = new("--config-dir")
    {
        Description = "The Postfix configuration directory (default: postconf -h config_directory, else /etc/postfix)",
        HelpName = "DIR",
    };

    public Option<FileInfo?> PostconfOutput { get; } = new("--postconf-output")
    {
        Description = "Read 'postconf -n' output collected elsewhere instead of main.cf",
        HelpName = "FILE",
    };

    public Option<PostfixVersion?> PostfixVersion { get; } = new("--postfix-version")
    {
        Description = "The Postfix release whose rules apply (default: this machine's postconf -h mail_version)",
        HelpName = "VERSION",
        CustomParser = ParsePostfixVersion,
    };

    public Option<string?> OpenSsl { get; } = new("--openssl")
    {
        Description = "The OpenSSL release Postfix is linked with, e.g. 1.0.1e (default: this machine's openssl version)",
        HelpName = "VERSION",
        CustomParser = ParseOpenSslVersion,
    };

    public void AddTo(Command command, bool withConfigDir = true)
    {
        if (withConfigDir)
        {
            command.Options.Add(ConfigDir);
        }

        command.Options.Add(PostconfOutput);
        command.Options.Add(PostfixVersion);
        command.Options.Add(OpenSsl);
    }

    public PostfixConfigRequest Request(ParseResult parsed, TimeSpan timeout, DirectoryInfo? directory = null) => new(
        (directory ?? parsed.GetValue(ConfigDir))?.ToString(),
        parsed.GetValue(PostconfOutput)?.ToString(),
        parsed.GetValue(PostfixVersion),
        parsed.GetValue(OpenSsl),
        timeout);

    /// <summary>The one line that says why no configuration could be read.</summary>
    public static string ExplainMissing(IReadOnlyList<ProbeFailure> failures)
    {
        var cause = failures.Count == 0 ? null : failures[^1];
        return cause is null
            ? "no Postfix configuration was found; give its directory, e.g. --config-dir /etc/postfix"
            : $"cannot read the Postfix configuration: {cause.Source}: {cause.Message}";
    }

    private static PostfixVersion? ParsePostfixVersion(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (Core.Postfix.PostfixVersion.TryParse(text, out var version))
        {
            return version;
        }

        result.AddError($"--postfix-version: '{text}' is not a Postfix release such as 3.7.11");
        return null;
    }

    /// <summary>Validates an <c>--openssl</c> value at parse time, so a bad one is a one-line usage error.</summary>
    public static string? ParseOpenSslVersion(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (OpenSslVersionText.TryParse(text, out _) && OpenSslBuild.TryParseVersion(text, out _))
        {
            return text;
        }

        result.AddError($"--openssl: '{text}' is not an OpenSSL release such as 1.0.1e or 3.0.15");
        return null;
    }
}
