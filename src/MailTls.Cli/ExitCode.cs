namespace MailTls.Cli;

/// <summary>The process exit codes, the only ones mailtls returns (sysexits-style for 70).</summary>
public enum ExitCode
{
    /// <summary>No finding at or above <c>--fail-on</c>.</summary>
    Clean = 0,

    /// <summary>At least one finding at or above <c>--fail-on</c>.</summary>
    FindingsAtOrAboveThreshold = 1,

    /// <summary>The command line was wrong.</summary>
    Usage = 2,

    /// <summary>The server or name to examine could not be reached at all.</summary>
    TargetUnreachable = 3,

    /// <summary>An internal error: a bug in mailtls.</summary>
    Internal = 70,
}
