namespace MailTls.Collectors.Processes;

/// <summary>What a finished local program printed and returned.</summary>
/// <param name="ExitCode">The exit status.</param>
/// <param name="Stdout">Standard output, cut at the output limit.</param>
/// <param name="Stderr">Standard error, cut at the output limit.</param>
/// <param name="Truncated">True when either stream went over the limit.</param>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr, bool Truncated);
