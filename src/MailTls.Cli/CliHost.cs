using MailTls.Collectors.MtaSts;
using Spectre.Console;

namespace MailTls.Cli;

/// <summary>
/// What a command may touch of the outside world for output: the terminal (through Spectre), raw
/// standard output for machine formats, standard error and the clock. Tests pass their own.
/// </summary>
/// <param name="CreateConsole">Makes the terminal console; the argument is true for <c>--no-color</c>.</param>
/// <param name="Out">Raw standard output, for JSON.</param>
/// <param name="Error">Standard error, for one-line errors.</param>
/// <param name="Time">The clock, so reports are reproducible in tests.</param>
public sealed record CliHost(Func<bool, IAnsiConsole> CreateConsole, TextWriter Out, TextWriter Error, TimeProvider Time)
{
    /// <summary>
    /// The MTA-STS fetch settings <c>--timeout</c> is applied to. Only tests change it, to reach
    /// their HTTPS server's port with its test CA; no command-line flag can weaken the checks.
    /// </summary>
    internal MtaStsCollectorOptions MtaSts { get; init; } = new();

    /// <summary>The real process: the terminal, stdout, stderr and the system clock.</summary>
    public static CliHost FromProcess() => new(
        noColor =>
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                ColorSystem = noColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
                Out = new AnsiConsoleOutput(Console.Out),
            });
            if (Console.IsOutputRedirected)
            {
                console.Profile.Width = RedirectedWidth(Environment.GetEnvironmentVariable("COLUMNS"));
            }

            return console;
        },
        RawStandardOutput(),
        Console.Error,
        TimeProvider.System)
    {
        In = Console.In,
        ShowProgress = !Console.IsErrorRedirected,
    };

    /// <summary>
    /// Standard output for machine formats: a 64 KiB buffer flushed after each write call. Console.Out
    /// flushes every 256 characters, a system call each, and --events spent more time in the kernel
    /// writing than reading the log. Each call still ends flushed, so lines interleave with the
    /// terminal console's as they were written.
    /// </summary>
    private static TextWriter RawStandardOutput() =>
        TextWriter.Synchronized(new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16) { AutoFlush = true });

    /// <summary>Widest default for output to a file or pipe, where no terminal says how wide it is.</summary>
    internal const int DefaultRedirectedWidth = 120;

    /// <summary>
    /// The width for output to a file or pipe: <c>COLUMNS</c> when it holds a sane number, else 120, since
    /// Spectre's fallback of 80 columns breaks finding ids and file paths in reports saved or paged with less.
    /// </summary>
    /// <param name="columns">The value of the COLUMNS environment variable, if any.</param>
    /// <returns>The width in columns.</returns>
    internal static int RedirectedWidth(string? columns) =>
        int.TryParse(columns, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var width) && width is >= 40 and <= 1000
            ? width
            : DefaultRedirectedWidth;

    /// <summary>Whether long commands print progress lines on <see cref="Error"/> (a terminal, not a log file).</summary>
    public bool ShowProgress { get; init; }

    /// <summary>Standard input, for <c>mailtls logs -</c>; empty unless the host provides one.</summary>
    public TextReader In { get; init; } = TextReader.Null;
}
