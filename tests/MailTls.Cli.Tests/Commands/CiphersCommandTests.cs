using System.Text.Json.Nodes;
using MailTls.Core.Tests.OpenSsl;
using MailTls.Tests;
using Xunit;

namespace MailTls.Cli.Tests.Commands;

public class CiphersCommandTests
{
    private const int StringCount = 300;

    [Fact]
    public async Task Ciphers_GeneratedStrings_PrintExactlyWhatOpenSslCiphersVPrints()
    {
        // Given generated cipher strings (seeded), and the machine's OpenSSL 3 as the oracle
        var random = new Random(23112026);
        var mismatches = new List<string>();
        var compared = 0;
        for (var i = 0; i < StringCount; i++)
        {
            var cipherString = CipherStringGenerator.Generate(random);
            var expected = OpenSslCli.Ciphers(cipherString);

            // When mailtls ciphers evaluates it for OpenSSL 3.0
            var run = await CliRun.RunAsync("ciphers", cipherString, "--openssl", "3.0");

            // Then it accepts what openssl accepts, and prints the same -v lines in the same order
            if (expected.Names is null)
            {
                if (run.ExitCode != 2)
                {
                    mismatches.Add($"'{cipherString}': openssl rejects it, mailtls exit {run.ExitCode}");
                }

                continue;
            }

            compared++;
            var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (!lines.SequenceEqual(OpenSslCli.VerboseLines(cipherString, withCodes: false)))
            {
                mismatches.Add($"'{cipherString}': the -v listings differ");
            }
        }

        Assert.Empty(mismatches);
        Assert.True(compared > StringCount / 4, $"only {compared} strings were accepted by openssl");
    }

    [Fact]
    public async Task Ciphers_ExplainOnOpenSsl101_NamesWhatRsaAesRemoved()
    {
        // Given scenario 2's term on OpenSSL 1.0.1e
        // When explained
        var run = await CliRun.RunAsync("ciphers", "ALL:+RC4:@STRENGTH:!RSA+AES", "--openssl", "1.0.1e", "--explain");

        // Then the term's line lists the static-RSA AES suites it excluded for good
        var line = run.Stdout.Split('\n').Single(l => l.StartsWith("!RSA+AES:", StringComparison.Ordinal));
        Assert.Contains("excluded for good", line, StringComparison.Ordinal);
        Assert.Contains("AES128-GCM-SHA256", line, StringComparison.Ordinal);
        Assert.DoesNotContain("ECDHE-RSA", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ciphers_Json_ListsSuitesAndTerms()
    {
        // Given / When
        var run = await CliRun.RunAsync("ciphers", "HIGH:!aNULL", "--openssl", "3.0", "--json");

        // Then the JSON has the ordered suites, TLS 1.3 first, and one entry per item
        var json = JsonNode.Parse(run.Stdout)!;
        Assert.True(json["accepted"]!.GetValue<bool>());
        Assert.Equal("TLS_AES_256_GCM_SHA384", json["suites"]![0]!.GetValue<string>());
        Assert.Equal(2, json["terms"]!.AsArray().Count);
    }

    [Fact]
    public async Task Ciphers_Rejected_OneLineUsageError()
    {
        // Given / When a string OpenSSL rejects
        var run = await CliRun.RunAsync("ciphers", "@STRONG", "--openssl", "3.0");

        // Then one line says so and the exit code is 2
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
