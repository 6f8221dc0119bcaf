using MailTls.Tests;

namespace MailTls.Core.Tests.OpenSsl;

/// <summary>Runs the machine's <c>openssl ciphers</c>, the oracle for the 3.0 era.</summary>
internal static class OpenSslCli
{
    /// <summary>Result of one <c>openssl ciphers</c> run: null names when OpenSSL rejected the string.</summary>
    internal sealed record CiphersOutput(int ExitCode, IReadOnlyList<string>? Names, string Error);

    public static CiphersOutput Ciphers(string cipherString, bool supportedOnly = false, bool legacyProvider = false, string? tls13 = null)
    {
        List<string> arguments = ["ciphers"];
        if (legacyProvider)
        {
            arguments.AddRange(["-provider", "legacy", "-provider", "default"]);
        }

        if (supportedOnly)
        {
            arguments.Add("-s");
        }

        if (tls13 is not null)
        {
            arguments.AddRange(["-ciphersuites", tls13]);
        }

        // "--" is not understood by openssl; a string starting with '-' is passed as is and may be read as an option,
        // so the corpus avoids leading '-' items.
        arguments.Add(cipherString);
        var (exitCode, stdout, stderr) = Oracle.Run("openssl", arguments);
        if (exitCode != 0)
        {
            return new CiphersOutput(exitCode, null, stderr);
        }

        string line = stdout.Trim();
        return new CiphersOutput(0, line.Length == 0 ? [] : line.Split(':'), stderr);
    }

    /// <summary>The lines of <c>openssl ciphers -v</c> (or <c>-V</c>, which prefixes the code).</summary>
    public static IReadOnlyList<string> VerboseLines(string cipherString, bool withCodes) =>
        Oracle.Run("openssl", ["ciphers", withCodes ? "-V" : "-v", cipherString]).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static string Version() => Oracle.Run("openssl", ["version"]).Stdout.Trim();
}
