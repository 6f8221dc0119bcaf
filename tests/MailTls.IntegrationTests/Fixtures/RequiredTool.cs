namespace MailTls.IntegrationTests.Fixtures;

/// Locates the real programs the integration tests drive. A missing program is a test failure
/// with an installation hint, never a skip (STYLE.md section 5): CI installs them via the test script.
internal static class RequiredTool
{
    // postfix and postconf live in /usr/sbin, which is not on a non-root PATH on Debian.
    private static readonly string[] ExtraDirectories = ["/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/sbin", "/usr/local/bin"];

    public static string Postfix => Locate("postfix", "postfix");

    public static string Postconf => Locate("postconf", "postfix");

    public static string OpenSsl => Locate("openssl", "openssl");

    /// Returns the absolute path of <paramref name="program"/>, or throws with the Debian package to install.
    public static string Locate(string program, string debianPackage)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var directories = path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(ExtraDirectories);
        foreach (var directory in directories)
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"Required program '{program}' was not found on PATH ({path}) or in {string.Join(", ", ExtraDirectories)}. "
            + $"The integration tests need real servers: install the Debian package '{debianPackage}' "
            + $"(DEBIAN_FRONTEND=noninteractive apt-get install -y {debianPackage}; for postfix preseed "
            + "'postfix postfix/main_mailer_type select No configuration' first). This is a failure, not a skip.");
    }
}
