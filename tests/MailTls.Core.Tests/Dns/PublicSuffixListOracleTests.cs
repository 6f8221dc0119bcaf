using System.Globalization;
using MailTls.Core.Dns;
using MailTls.Tests;
using Xunit;

namespace MailTls.Core.Tests.Dns;

/// <summary>
/// Organisations from Debian's real Public Suffix List, compared with libpsl's <c>psl</c> tool (the
/// library Debian's curl and wget use) for names built around every rule of the list: the rule's
/// own name, one label and two labels more, as a log would name a peer.
/// </summary>
public class PublicSuffixListOracleTests
{
    private const string ListPath = "/usr/share/publicsuffix/public_suffix_list.dat";

    [Fact]
    public void GetRegistrableDomain_AgreesWithLibpslForEveryRule()
    {
        // Given the real list and a name at, under and two labels under each of its rules
        var text = File.ReadAllText(ListPath);
        var list = PublicSuffixList.Parse(text);
        var names = NamesAroundRules(text);
        Assert.True(names.Count > 10_000, $"only {names.Count} names built from {ListPath}");

        // When both map each name to its registrable domain
        var directory = Directory.CreateTempSubdirectory("mailtls-psl-").FullName;
        try
        {
            File.WriteAllLines(Path.Combine(directory, "names"), names);
            var answers = Oracle.Shell($"psl --print-reg-domain --load-psl-file {ListPath} < names", directory)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split(": ", 2))
                .ToDictionary(parts => parts[0], parts => parts[1] == "(null)" ? null : parts[1], StringComparer.Ordinal);

            // Then they agree on every name, and the logged spelling (capitals, a final dot) does not matter
            var disagreements = names
                .Where(name => list.GetRegistrableDomain(name) != answers[name]
                    || list.GetRegistrableDomain(name.ToUpperInvariant() + ".") != answers[name])
                .Select(name => $"{name}: mailtls {list.GetRegistrableDomain(name) ?? "null"}, psl {answers[name] ?? "null"}")
                                .ToList();
            Assert.True(disagreements.Count == 0, string.Join('\n', disagreements));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>For each rule, in A-label form: the rule's name, and one and two labels under it.</summary>
    private static List<string> NamesAroundRules(string text)
    {
        var idn = new IdnMapping();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var rule = line.Trim().Split(' ', '\t')[0];
            if (rule.Length == 0 || rule.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            string name;
            try
            {
                name = idn.GetAscii(rule.TrimStart('!', '*', '.')).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                continue;
            }

            names.Add(name);
            names.Add("mx." + name);
            names.Add("mail-7.mx." + name);
        }

        return [.. names];
    }
}
