using System.Text.Json.Nodes;
using MailTls.Tests;

namespace MailTls.Cli.Tests;

/// <summary>
/// Runs <c>mailtls policy example.com --offline --json</c> (Postfix 3.7.11, OpenSSL 3.0.15) over a
/// Postfix configuration written into a test's directory: one tls_policy table, main.cf at
/// smtp_tls_security_level = may with the given CA file, and mx.example.com served the
/// certificate <c>mx.pem</c> from that directory.
/// </summary>
internal static class OfflinePolicyRun
{
    /// <summary>Writes the configuration and returns the JSON report.</summary>
    /// <param name="directory">Holds mx.pem; the configuration files are written next to it.</param>
    /// <param name="table">The tls_policy table's one entry.</param>
    /// <param name="caFile">smtp_tls_CAfile.</param>
    /// <param name="extraMainCf">More main.cf lines.</param>
    public static async Task<JsonNode> RunAsync(string directory, string table, string caFile, string extraMainCf)
    {
        await File.WriteAllTextAsync(Path.Combine(directory, "tls_policy"), table + "\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "main.cf"), $"""
            smtp_tls_security_level = may
            smtp_tls_CAfile = {caFile}
            smtp_tls_policy_maps = texthash:{directory}/tls_policy
            {extraMainCf}
            """);
        await File.WriteAllTextAsync(Path.Combine(directory, "master.cf"), "smtp unix - - n - - smtp\n");
        var run = await CliRun.RunAsync(
            "policy", "example.com", "--config-dir", directory, "--postfix-version", "3.7.11", "--openssl", "3.0.15",
            "--mx", "mx.example.com", "--cert", Path.Combine(directory, "mx.pem"), "--offline", "--json");
        return JsonNode.Parse(run.Stdout)!;
    }

    /// <summary>The decision input: the level, match list and per-MX verdict, each with where it came from.</summary>
    public static string Decision(JsonNode report) =>
        report["inputs"]!.AsArray().Single(i => i!["kind"]!.GetValue<string>() == "decision")!["origin"]!.GetValue<string>();
}
