namespace MailTls.Cli;

/// <summary>
/// An error the user can act on (bad argument, unreadable input, unreachable target). The CLI prints
/// its message as one line, without a stack trace, and exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class UserFacingException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="exitCode">The exit code to leave with.</param>
    /// <param name="message">What happened and what to try, in one line.</param>
    public UserFacingException(ExitCode exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>Creates a usage error (exit code 2).</summary>
    /// <param name="message">What happened and what to try, in one line.</param>
    public UserFacingException(string message)
        : this(ExitCode.Usage, message)
    {
    }

    /// <summary>Creates a usage error wrapping a cause.</summary>
    /// <param name="message">What happened and what to try, in one line.</param>
    /// <param name="innerException">The underlying error.</param>
    public UserFacingException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCode.Usage;
    }

    /// <summary>Creates a usage error with a generic message.</summary>
    public UserFacingException()
        : this("invalid usage")
    {
    }

    /// <summary>The exit code to leave with.</summary>
    public ExitCode ExitCode { get; }
}
