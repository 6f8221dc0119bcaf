using MailTls.Core.Evidence;

namespace MailTls.Core.Postfix;

/// <summary>
/// The names a Postfix server receives mail for and is known by, for DNS checks: <c>myhostname</c>
/// (the MX host: TLSA records live under it) and the mail domains in <c>mydomain</c>,
/// <c>mydestination</c> and the virtual domain lists (MX and MTA-STS records live under them).
/// </summary>
public static class ServerNames
{
    private static readonly string[] DomainParameters = ["mydomain", "mydestination", "virtual_mailbox_domains", "virtual_alias_domains", "relay_domains"];

    /// <summary>The server's host name, with where it came from.</summary>
    /// <param name="config">The configuration.</param>
    /// <returns>The name and its origin; null when none is set.</returns>
    public static (string Name, string Origin)? HostName(PostfixConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var host = config.Resolve("myhostname");
        var name = Clean(host.Value);
        return name is null ? null : (name, Origin(host));
    }

    /// <summary>The mail domains, each once, with where it came from. Table lookups (<c>hash:...</c>) and local names are skipped.</summary>
    /// <param name="config">The configuration.</param>
    /// <returns>The domains in parameter order.</returns>
    public static IReadOnlyList<(string Name, string Origin)> Domains(PostfixConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<(string, string)>();
        foreach (var parameter in DomainParameters)
        {
            var resolved = config.Resolve(parameter);
            foreach (var item in resolved.Value.Split([' ', ',', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (item.Contains(':', StringComparison.Ordinal) || item.StartsWith('/') || Clean(item) is not { } name || !name.Contains('.', StringComparison.Ordinal)
                    || name.StartsWith("localhost", StringComparison.OrdinalIgnoreCase) || !seen.Add(name))
                {
                    continue;
                }

                result.Add((name, Origin(resolved)));
            }
        }

        return result;
    }

    private static string? Clean(string value)
    {
        var name = value.Trim().TrimEnd('.').ToLowerInvariant();
        return name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')) ? null : name;
    }

    private static string Origin(ResolvedParameter parameter) => parameter.Source switch
    {
        ParameterSource.Default => $"{parameter.Name} (Postfix default)",
        _ when parameter.Location is SourceLocation where => $"{parameter.Name} ({where})",
        _ => parameter.Name,
    };
}
