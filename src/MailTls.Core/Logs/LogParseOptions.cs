namespace MailTls.Core.Logs;

/// <summary>
/// Limits and context for reading log lines.
/// </summary>
public sealed record LogParseOptions
{
    /// <summary>The default longest line considered (64 KiB); Postfix lines stay far below this.</summary>
    public const int DefaultMaxLineLength = 64 * 1024;

    /// <summary>
    /// The date the log was last written (file modification time, or now for stdin). BSD syslog
    /// timestamps carry no year: a timestamp is placed in the reference year unless that would put
    /// it more than a day after the reference, in which case it belongs to the year before.
    /// </summary>
    public DateTime ReferenceDate { get; init; } = DateTime.UtcNow;

    /// <summary>Lines longer than this are skipped and counted, never parsed.</summary>
    public int MaxLineLength { get; init; } = DefaultMaxLineLength;

    /// <summary>Shares one string per peer, program, protocol and cipher across the blocks of a read (copies made with <c>with</c> share it too).</summary>
    internal NameInterner Names { get; } = new();

    /// <summary>Resolves peer organisations while blocks are parsed; set by the extractor that will read the blocks (null: they are resolved when sessions end).</summary>
    internal HostOrganisations? Organisations { get; init; }
}
