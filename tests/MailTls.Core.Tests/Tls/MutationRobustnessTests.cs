using MailTls.Core.Smtp;
using MailTls.Core.Tls;
using Xunit;

namespace MailTls.Core.Tests.Tls;

/// <summary>
/// A seeded mutation run over the golden inputs: every parser must return a status, never throw,
/// whatever bytes a peer sends. (The SharpFuzz targets will explore further; this keeps the
/// property in the ordinary test run.)
/// </summary>
public sealed class MutationRobustnessTests
{
    private const int MutantsPerInput = 400;

    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var path in TlsTestData.List("ServerFlights/").Where(p => p.EndsWith(".hex", StringComparison.Ordinal) && !p.Contains("cert", StringComparison.Ordinal)))
        {
            data.Add(path);
        }

        data.Add("ClientProfiles/raw/postfix_3.7.11_debian12_default.conn1.clienthello.hex");
        data.Add("ClientProfiles/raw/exim_4.96_gnutls_debian12_default.conn1.clienthello.hex");
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void AllParsers_MutatedInput_NeverThrow(string path)
    {
        // Given
        var original = TlsTestData.ReadHex(path);
        var random = new Random(path.Length * 7919);
        var statuses = new HashSet<ParseStatus>();

        for (var i = 0; i < MutantsPerInput; i++)
        {
            var mutant = Mutate(original, random);

            // When
            statuses.Add(ServerFlightReader.TryRead(mutant, ParserLimits.Default, out _, out _, out _));
            statuses.Add(ClientHelloReader.TryReadRecords(mutant, ParserLimits.Default, out _, out _, out _));
            statuses.Add(SslV2ServerHelloReader.TryRead(mutant, ParserLimits.Default, out _, out _, out _));
            statuses.Add(SmtpReplyReader.TryRead(mutant, ParserLimits.Default, out _, out _, out _));
            ClientHelloRewriter.Rewrite(mutant, "mx.example.net", ParserLimits.Default);
        }

        // Then: reaching here means nothing threw; the mutants exercised more than one outcome
        Assert.Contains(ParseStatus.Invalid, statuses);
        Assert.True(statuses.Count >= 2);
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = original.ToArray();
        switch (random.Next(4))
        {
            case 0:
                // Flip a few bytes, biased to the headers where lengths live.
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    var at = random.Next(Math.Min(bytes.Length, random.Next(2) == 0 ? 64 : bytes.Length));
                    bytes[at] = (byte)random.Next(256);
                }

                return bytes;
            case 1:
                return bytes[..random.Next(bytes.Length)];
            case 2:
                var start = random.Next(bytes.Length);
                return [.. bytes[..start], .. bytes[Math.Min(bytes.Length, start + random.Next(1, 16))..]];
            default:
                var insertAt = random.Next(bytes.Length);
                var junk = new byte[random.Next(1, 8)];
                random.NextBytes(junk);
                return [.. bytes[..insertAt], .. junk, .. bytes[insertAt..]];
        }
    }
}
