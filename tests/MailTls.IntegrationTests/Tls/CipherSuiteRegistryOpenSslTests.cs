using System.Globalization;
using MailTls.Core.Tls;
using MailTls.IntegrationTests.Fixtures;
using Xunit;

namespace MailTls.IntegrationTests.Tls;

public sealed class CipherSuiteRegistryOpenSslTests
{
    [Fact]
    public async Task Registry_EverySuiteOfLocalOpenSsl_HasTheSameCodeAndName()
    {
        // Given: the oracle, `openssl ciphers -V` lines like "0xC0,0x2F - ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 Kx=ECDH ..."
        var output = (await ProcessRunner.RunAsync("openssl", ["ciphers", "-V", "ALL:COMPLEMENTOFALL:@SECLEVEL=0"], TimeSpan.FromSeconds(20)))
            .EnsureSuccess().StandardOutput;

        // When
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(parts => (Code: ParseCode(parts[0]), Name: parts[2]))
            .ToList();

        // Then
        Assert.True(rows.Count > 100, $"only {rows.Count} suites from openssl");
        Assert.All(rows, row =>
        {
            Assert.True(CipherSuiteRegistry.TryGet(row.Code, out var suite), $"0x{row.Code:X4} {row.Name} missing");
            Assert.Equal(row.Name, suite.OpenSslName);
        });
    }

    private static ushort ParseCode(string text)
    {
        var bytes = text.Split(',');
        return (ushort)((byte.Parse(bytes[0].AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) << 8)
            | byte.Parse(bytes[1].AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }
}
