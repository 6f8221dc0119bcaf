using System.Text.RegularExpressions;

namespace MailTls.Collectors.Discovery;

/// <summary>
/// Finds the server certificate a Sendmail configuration names: <c>confSERVER_CERT</c> in
/// sendmail.mc, with the other m4 <c>define</c>s it uses (such as <c>CERT_DIR</c>) expanded.
/// </summary>
public static partial class SendmailServerCertificate
{
    /// <summary>The certificate file and where it was found, or null when sendmail.mc names none.</summary>
    /// <param name="configDirectory">The directory holding sendmail.mc.</param>
    /// <returns>
    /// The path; when the configured path does not exist but a file of that name is in the
    /// configuration directory (a configuration copied off the server), that file.
    /// </returns>
    public static DiscoveredSource? Find(string configDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configDirectory);
        var mc = Path.Combine(configDirectory, "sendmail.mc");
        string text;
        try
        {
            text = File.ReadAllText(mc);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var defines = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in Define().Matches(text))
        {
            var value = match.Groups["value"].Value;
            // m4 expands earlier macros inside later values; whole-word replacement is enough for paths.
            foreach (var (name, expansion) in defines)
            {
                value = Regex.Replace(value, $@"\b{Regex.Escape(name)}\b", expansion.Replace("$", "$$", StringComparison.Ordinal));
            }

            defines[match.Groups["name"].Value] = value;
        }

        if (!defines.TryGetValue("confSERVER_CERT", out var path) || path.Length == 0)
        {
            return null;
        }

        var copy = Path.Combine(configDirectory, Path.GetFileName(path));
        return File.Exists(path) || !File.Exists(copy)
            ? new DiscoveredSource(path, $"confSERVER_CERT in {mc}")
            : new DiscoveredSource(copy, $"confSERVER_CERT in {mc} names {path}, absent here; the file of that name beside it");
    }

    [GeneratedRegex(@"^\s*define\(\s*`(?<name>\w+)'\s*,\s*`(?<value>[^']*)'\s*\)", RegexOptions.Multiline)]
    private static partial Regex Define();
}
