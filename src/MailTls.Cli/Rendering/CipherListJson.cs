using MailTls.Core.OpenSsl;

namespace MailTls.Cli.Rendering;

/// <summary>The JSON form of <c>mailtls ciphers</c>: the list, and each item's effect.</summary>
/// <param name="CipherString">The string evaluated.</param>
/// <param name="OpenSsl">The OpenSSL release whose rules applied.</param>
/// <param name="Accepted">Whether OpenSSL accepts the string.</param>
/// <param name="Suites">The suites, TLS 1.3 first, as <c>openssl ciphers</c> lists them.</param>
/// <param name="Terms">What each item did.</param>
internal sealed record CipherListJson(string CipherString, string OpenSsl, bool Accepted, IReadOnlyList<string> Suites, IReadOnlyList<string> Terms)
{
    public static CipherListJson From(CipherStringResult result, string openSsl) => new(
        result.CipherString,
        openSsl,
        result.IsAccepted,
        [.. result.ToOpenSslCiphersList().Select(s => s.Name)],
        [.. result.Terms.Where(t => !t.FromDefaultExpansion).Select(Describe)]);

    /// <summary>One line per item: "!RSA+AES: excluded AES128-SHA, AES256-SHA".</summary>
    public static string Describe(CipherTermEffect term)
    {
        var parts = new List<string>();
        Add(parts, "added", term.Added);
        Add(parts, "removed", term.Removed);
        Add(parts, "moved to the end", term.Moved);
        Add(parts, "excluded for good", term.Excluded);
        var effect = parts.Count > 0 ? string.Join("; ", parts) : term.Recognized ? "no effect" : "not a word OpenSSL knows: ignored";
        return $"{term.Item}: {effect}";
    }

    private static void Add(List<string> parts, string verb, IEnumerable<OpenSslCipherSuite> suites)
    {
        var names = suites.Select(s => s.Name).ToList();
        if (names.Count > 0)
        {
            parts.Add($"{verb} {string.Join(", ", names)}");
        }
    }
}
