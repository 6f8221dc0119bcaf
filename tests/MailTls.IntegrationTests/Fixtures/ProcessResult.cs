namespace MailTls.IntegrationTests.Fixtures;

/// The outcome of one finished command: exit code and everything it wrote.
internal sealed record ProcessResult(
    string FileName,
    IReadOnlyList<string> Arguments,
    int ExitCode,
    string StandardOutput,
    string StandardError,
    TimeSpan Elapsed)
{
    public string CommandLine => string.Join(' ', Arguments.Prepend(FileName).Select(Quote));

    public bool Succeeded => ExitCode == 0;

    /// Throws with the full transcript unless the command exited with status 0.
    public ProcessResult EnsureSuccess()
    {
        return Succeeded
            ? this
            : throw new InvalidOperationException($"Command failed with exit code {ExitCode}: {Describe()}");
    }

    /// The command line, exit code and both output streams, for failure messages.
    public string Describe()
    {
        return $"""
            $ {CommandLine}
            exit code: {ExitCode} after {Elapsed.TotalMilliseconds:F0} ms
            --- stdout ---
            {StandardOutput}
            --- stderr ---
            {StandardError}
            """;
    }

    private static string Quote(string argument)
    {
        return argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '*')
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
