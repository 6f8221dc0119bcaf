using System.Globalization;
using MailTls.Core.OpenSsl;
using Xunit;

namespace MailTls.Core.Tests.OpenSsl;

/// <summary>The 3.0 table and description layout against the machine's <c>openssl ciphers -v</c>/<c>-V</c>.</summary>
public sealed class OpenSslCipherTablesOracleTests
{
    [Fact]
    public void Format_EverySuiteOfThisOpenSsl_MatchesOpenSslCiphersVerboseLine()
    {
        // Given every suite the local OpenSSL knows, described by itself
        IReadOnlyList<string> expected = OpenSslCli.VerboseLines("ALL:COMPLEMENTOFALL", withCodes: false);

        // When mailtls describes its evaluation of the same string in the 3.0 layout
        CipherStringResult result = OpenSslCipherString.Evaluate("ALL:COMPLEMENTOFALL", OpenSslBuild.Debian12);
        string[] actual = result.ToOpenSslCiphersList().Select(s => OpenSslCipherDescription.Format(s, OpenSslEra.V30)).ToArray();

        // Then the lines are identical, column for column
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void V30Table_EverySuiteOfThisOpenSsl_HasSameIanaCode()
    {
        // Given "0xC0,0x2C - ECDHE-ECDSA-AES256-GCM-SHA384 ..." lines from openssl ciphers -V
        IReadOnlyList<string> lines = OpenSslCli.VerboseLines("ALL:COMPLEMENTOFALL", withCodes: true);
        Dictionary<string, OpenSslCipherSuite> table = OpenSslCipherTables.V30Suites.Concat(OpenSslCipherTables.V30Tls13Suites)
            .ToDictionary(s => s.Name, StringComparer.Ordinal);

        // When each line's code is compared with the table row of the same name
        foreach (string line in lines)
        {
            string[] parts = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string[] bytes = parts[0].Split(',');
            ushort code = (ushort)((byte.Parse(bytes[0].AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) << 8)
                | byte.Parse(bytes[1].AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));

            // Then the row exists and carries that code
            Assert.True(table.TryGetValue(parts[2], out OpenSslCipherSuite? suite), parts[2]);
            Assert.Equal(code, suite.Code);
        }
    }
}
