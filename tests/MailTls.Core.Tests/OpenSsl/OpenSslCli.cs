using System.Diagnostics;

namespace MailTls.Core.Tests.OpenSsl;

/// <summary>Runs the machine's <c>openssl ciphers</c>, the oracle for the 3.0 era.</summary>
internal static class OpenSslCli
{
    /// <summary>Result of one <c>openssl ciphers</c> run: null names when OpenSSL rejected the string.</summary>
    internal sealed record CiphersOutput(int ExitCode, IReadOnlyList<string>? Names, string Error);

    public static CiphersOutput Ciphers(string cipherString, bool supportedOnly = false, bool legacyProvider = false, string? tls13 = null)
    {
        var psi = new ProcessStartInfo("openssl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("ciphers");
        if (legacyProvider)
        {
            foreach (string arg in new[] { "-provider", "legacy", "-provider", "default" })
            {
                psi.ArgumentList.Add(arg);
            }
        }
        if (supportedOnly)
        {
            psi.ArgumentList.Add("-s");
        }

        if (tls13 is not null)
        {
            psi.ArgumentList.Add("-ciphersuites");
            psi.ArgumentList.Add(tls13);
        }

        // "--" is not understood by openssl; a string starting with '-' is passed as is and may be read as an option,
        // so the corpus avoids leading '-' items.
        psi.ArgumentList.Add(cipherString);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start openssl");
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            return new CiphersOutput(p.ExitCode, null, stderr);
        }

        string line = stdout.Trim();
        return new CiphersOutput(0, line.Length == 0 ? [] : line.Split(':'), stderr);
    }

    /// <summary>The lines of <c>openssl ciphers -v</c> (or <c>-V</c>, which prefixes the code).</summary>
    public static IReadOnlyList<string> VerboseLines(string cipherString, bool withCodes)
    {
        var psi = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("ciphers");
        psi.ArgumentList.Add(withCodes ? "-V" : "-v");
        psi.ArgumentList.Add(cipherString);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start openssl");
        string stdout = p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static string Version()
    {
        var psi = new ProcessStartInfo("openssl", "version") { RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start openssl");
        string v = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return v;
    }
}
