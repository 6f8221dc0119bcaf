using System.Reflection;
using MailTls.Fuzz;
using Xunit;

namespace MailTls.Core.Tests.Tls;

/// <summary>
/// Runs the SharpFuzz harness (fuzz/MailTls.Fuzz/FuzzTargets.cs) without AFL: every input a fuzz run
/// turned up (fuzz/regressions) and the golden fixtures under every target, whole and mutated.
/// The harness throws when a parser throws or breaks its contract (offsets, status on prefixes,
/// span and sequence overloads agreeing), so each case fails exactly when the fuzzer would crash.
/// </summary>
public sealed class FuzzTargetTests
{
    private const int TargetSelectors = 8;

    public static TheoryData<string> Regressions()
    {
        var data = new TheoryData<string>();
        foreach (var name in typeof(FuzzTargetTests).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("FuzzRegressions/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    public static TheoryData<string> Fixtures() => new(
        "ServerFlights/tls12-ecdhe-rsa.hex",
        "ServerFlights/tls12-dhe-rsa.hex",
        "ServerFlights/tls12-no-shared-cipher.hex",
        "ServerFlights/tls13.hex",
        "ServerFlights/tls13-hrr.hex",
        "ClientProfiles/raw/postfix_3.7.11_debian12_default.conn1.clienthello.hex",
        "ClientProfiles/raw/sendmail_8.17.1.9_debian12_default.conn1.clienthello.hex");

    [Theory]
    [MemberData(nameof(Regressions))]
    public void Run_InputFoundByFuzzing_HoldsTheContract(string resource)
    {
        // Given
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);

        // When / Then: no exception
        FuzzTargets.Run(memory.ToArray());
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Run_FixtureUnderEveryTargetWholeAndMutated_HoldsTheContract(string path)
    {
        // Given
        var original = TlsTestData.ReadHex(path);
        var smtp = "250-mx.example.net\r\n250-STARTTLS\r\n250 SIZE 1000\r\n"u8.ToArray();
        var random = new Random(path.Length);
        var runs = 0;

        foreach (var payload in new[] { original, original[5..], smtp })
        {
            for (var selector = 0; selector < TargetSelectors; selector++)
            {
                foreach (var limits in new[] { 0x00, 0x80 })
                {
                    for (var mutant = 0; mutant < 20; mutant++)
                    {
                        var bytes = payload.ToArray();
                        for (var flips = mutant == 0 ? 0 : random.Next(1, 4); flips > 0; flips--)
                        {
                            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                        }

                        var cut = mutant % 3 == 2 ? random.Next(bytes.Length) : bytes.Length;

                        // When / Then: no exception
                        FuzzTargets.Run([(byte)(selector | limits), (byte)random.Next(256), .. bytes[..cut]]);
                        runs++;
                    }
                }
            }
        }

        Assert.Equal(3 * TargetSelectors * 2 * 20, runs);
    }
}
