using MailTls.Core.OpenSsl;
using Xunit;

namespace MailTls.Core.Tests.OpenSsl;

/// <summary>
/// Generated cipher strings run through both mailtls and the machine's <c>openssl ciphers</c> (3.0): the lists must be
/// identical, name by name and in order, with and without <c>-s</c>.
/// </summary>
public sealed class OpenSslCipherStringDifferentialTests
{
    private const int StringCount = 600;

    [Fact]
    public void Evaluate_GeneratedStrings_MatchOpenSslCiphersExactly()
    {
        // Given a fixed set of generated strings (seeded, so a failure is reproducible)
        var random = new Random(20261123);
        var mismatches = new List<string>();
        int accepted = 0;
        for (int i = 0; i < StringCount; i++)
        {
            string cipherString = CipherStringGenerator.Generate(random);
            bool supportedOnly = i % 3 == 0;

            // When both evaluate it
            OpenSslCli.CiphersOutput expected = OpenSslCli.Ciphers(cipherString, supportedOnly);
            CipherStringResult actual = OpenSslCipherString.Evaluate(cipherString, OpenSslBuild.Debian12);
            IEnumerable<string> actualNames = (supportedOnly ? actual.ToSupportedList() : actual.ToOpenSslCiphersList()).Select(s => s.Name);

            // Then accept/reject and the ordered lists agree
            bool same = expected.Names is null
                ? !actual.IsAccepted
                : actual.IsAccepted && expected.Names.SequenceEqual(actualNames);
            accepted += actual.IsAccepted ? 1 : 0;
            if (!same)
            {
                mismatches.Add($"{(supportedOnly ? "-s " : string.Empty)}'{cipherString}': openssl {(expected.Names is null ? "rejects" : expected.Names.Count + " suites")}, mailtls {actual.Status} {actual.Suites.Length}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));

        // The generator must exercise both outcomes, or the comparison proves little.
        Assert.InRange(accepted, StringCount / 4, StringCount - (StringCount / 20));
    }
}
