using System.Globalization;
using MailTls.IntegrationTests.Fixtures;

namespace MailTls.IntegrationTests.Oracles;

/// <summary>
/// Runs the three scanners mailtls probe is checked against, each restricted to what the comparison
/// needs (protocols and accepted suites per protocol), with a deadline, and parses their
/// machine-readable output. STARTTLS for a Postfix port, plain TLS for openssl s_server.
/// </summary>
internal static class ScannerOracles
{
    private static readonly TimeSpan TestSslDeadline = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ScanDeadline = TimeSpan.FromMinutes(2);

    public static string TestSsl => RequiredTool.Locate("testssl", "testssl.sh");

    public static string SslScan => RequiredTool.Locate("sslscan", "sslscan");

    public static string Nmap => RequiredTool.Locate("nmap", "nmap");

    /// <summary>testssl.sh: protocols (<c>-p</c>) and the suites of each protocol (<c>-E</c>).</summary>
    public static async Task<OracleScan?> TestSslAsync(int port, bool startTls, string workDirectory)
    {
        var json = Path.Combine(workDirectory, $"testssl-{port}.json");
        List<string> arguments = ["--quiet", "--color", "0", "--warnings", "off", "-p", "-E", "--jsonfile", json];
        if (startTls)
        {
            arguments.AddRange(["-t", "smtp"]);
        }

        arguments.Add($"127.0.0.1:{port}");
        var result = await ProcessRunner.RunAsync(TestSsl, arguments, TestSslDeadline);
        return File.Exists(json)
            ? TestSslJson.Parse(await File.ReadAllTextAsync(json))
            : throw new InvalidOperationException($"testssl.sh wrote no JSON: {result.Describe()}");
    }

    /// <summary>sslscan with its XML on standard output.</summary>
    public static async Task<OracleScan> SslScanAsync(int port, bool startTls)
    {
        List<string> arguments = ["--xml=-", "--no-colour"];
        if (startTls)
        {
            arguments.Add("--starttls-smtp");
        }

        arguments.Add($"127.0.0.1:{port}");
        var result = (await ProcessRunner.RunAsync(SslScan, arguments, ScanDeadline)).EnsureSuccess();
        return SslScanXml.Parse(result.StandardOutput);
    }

    /// <summary>
    /// nmap's ssl-enum-ciphers. Without version detection (-sV, about 10 s more) nmap runs the script
    /// only on ports it believes are TLS or SMTP, so a one-line services file names the port.
    /// </summary>
    public static async Task<(OracleScan Scan, IReadOnlyList<string> UnknownNames)> NmapAsync(int port, bool startTls, string workDirectory)
    {
        var services = Path.Combine(workDirectory, $"nmap-services-{port}");
        await File.WriteAllTextAsync(services, string.Create(CultureInfo.InvariantCulture, $"{(startTls ? "smtp" : "https")}\t{port}/tcp\t0.5\n"));
        List<string> arguments = ["-Pn", "-n", "--servicedb", services, "--top-ports", "1", "--script", "ssl-enum-ciphers", "-oX", "-", "127.0.0.1"];
        var result = (await ProcessRunner.RunAsync(Nmap, arguments, ScanDeadline)).EnsureSuccess();
        return NmapXml.Parse(result.StandardOutput);
    }
}
