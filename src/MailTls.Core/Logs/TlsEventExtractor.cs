using System.Runtime.CompilerServices;
using MailTls.Core.Dns;
using MailTls.Core.Logs.Dovecot;
using MailTls.Core.Logs.Exim;
using MailTls.Core.Logs.Sendmail;

namespace MailTls.Core.Logs;

/// <summary>
/// Turns log lines into <see cref="TlsEvent"/>s: parses each header, routes the line to the parser
/// of the MTA that wrote it, and correlates Postfix sessions. Feed the lines of each file in order
/// with <see cref="Add(string, int, ReadOnlySpan{char})"/> (or blocks with <see cref="Add(string, int, ParsedLogBlock)"/>), then call <see cref="Complete"/>. Pure: the caller reads the files.
/// </summary>
public sealed class TlsEventExtractor
{
    private LogParseOptions _options;
    private readonly PublicSuffixList _suffixes;

    // One cache of organisations for the whole read: the block parsers resolve through it while
    // parsing (it travels in the options), the correlator and the other MTAs' lines here.
    private readonly HostOrganisations _organisations;
    private readonly List<TlsEvent> _events = [];
    private readonly List<CleartextDelivery> _cleartext = [];
    private readonly TlsEventCorrelator _postfix;
    private readonly Action<TlsEvent> _emit;
    private long _lines;
    private long _parsed;
    private long _mailLines;
    private long _tooLong;
    private long _unrecognised;

    /// <summary>Creates an extractor that keeps its events (<see cref="Events"/>, <see cref="CleartextDeliveries"/>).</summary>
    /// <param name="options">Limits and the reference date for BSD timestamps.</param>
    /// <param name="suffixes">The Public Suffix List; <see cref="PublicSuffixList.Fallback"/> when unavailable.</param>
    public TlsEventExtractor(LogParseOptions? options = null, PublicSuffixList? suffixes = null)
        : this(options, suffixes, null, null)
    {
    }

    /// <summary>
    /// Creates an extractor that hands each event and cleartext delivery over as it completes and
    /// keeps neither, so that a report over any amount of log stays bounded.
    /// </summary>
    /// <param name="options">Limits and the reference date for BSD timestamps.</param>
    /// <param name="suffixes">The Public Suffix List; <see cref="PublicSuffixList.Fallback"/> when unavailable.</param>
    /// <param name="onEvent">Receives each event, in the order sessions end; null to keep them.</param>
    /// <param name="onCleartext">Receives each cleartext delivery; null to keep them.</param>
    public TlsEventExtractor(LogParseOptions? options, PublicSuffixList? suffixes, Action<TlsEvent>? onEvent, Action<CleartextDelivery>? onCleartext)
    {
        _suffixes = suffixes ?? PublicSuffixList.Fallback;
        _organisations = new HostOrganisations(_suffixes);
        _options = (options ?? new LogParseOptions()) with { Organisations = _organisations };
        _emit = onEvent ?? _events.Add;
        _postfix = new TlsEventCorrelator(Organisation, _emit, onCleartext ?? _cleartext.Add);
    }

    /// <summary>Events completed so far, in the order their sessions ended (none when a sink receives them).</summary>
    public IReadOnlyList<TlsEvent> Events => _events;

    /// <summary>Hands over the events completed so far and forgets them and the cleartext deliveries, so a follower that runs for days stays bounded.</summary>
    /// <returns>The completed events, in the order their sessions ended.</returns>
    public IReadOnlyList<TlsEvent> DrainEvents()
    {
        var drained = _events.ToArray();
        _events.Clear();
        _cleartext.Clear();
        return drained;
    }

    /// <summary>Messages accepted without TLS from organisations that had already failed a TLS handshake with this server.</summary>
    public IReadOnlyList<CleartextDelivery> CleartextDeliveries => _cleartext;

    /// <summary>True when organisations are the last two labels because no suffix list was given.</summary>
    public bool OrganisationsApproximate => _suffixes.IsFallback;

    /// <summary>Counts of lines read and skipped.</summary>
    public LogReadStatistics Statistics => new()
    {
        Lines = _lines,
        Parsed = _parsed,
        MailLines = _mailLines,
        SkippedTooLong = _tooLong,
        SkippedUnrecognised = _unrecognised,
    };

    /// <summary>Limits and the reference date in force, for parsing blocks with <see cref="LogBlockParser"/>.</summary>
    public LogParseOptions Options => _options;

    /// <summary>Reads one line.</summary>
    /// <param name="file">The file it came from, as the user named it.</param>
    /// <param name="lineNumber">Its 1-based line number in that file.</param>
    /// <param name="text">The line, without its terminator.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(string file, int lineNumber, ReadOnlySpan<char> text)
    {
        ArgumentNullException.ThrowIfNull(file);
        _lines++;
        var status = LogLineParser.TryParse(text, _options, out var line, out var error);
        if (status != ParseStatus.Done)
        {
            if (error == LogLineError.TooLong)
            {
                _tooLong++;
            }
            else if (error != LogLineError.Empty)
            {
                _unrecognised++;
            }

            return;
        }

        _parsed++;
        if (MtaProgram.Identify(line.Program, out var service) is { } mta)
        {
            _mailLines++;
            Dispatch(file, lineNumber, line, mta, service);
        }
    }

    /// <summary>Reads a block of lines parsed by <see cref="LogBlockParser"/>; blocks of a file must come in order, each once.</summary>
    /// <param name="file">The file they came from, as the user named it.</param>
    /// <param name="firstLineNumber">The 1-based line number of the block's first line.</param>
    /// <param name="block">The block.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(string file, int firstLineNumber, ParsedLogBlock block)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(block);
        _lines += block.Lines;
        _parsed += block.Parsed;
        _mailLines += block.MailLines;
        _tooLong += block.TooLong;
        _unrecognised += block.Unrecognised;
        foreach (ref readonly var entry in block.Entries)
        {
            var lineNumber = firstLineNumber + entry.Index;
            if (entry.IsPostfix)
            {
                _postfix.Accept(file, lineNumber, entry.Postfix);
            }
            else if (LogLineParser.TryParse(entry.Text, _options, out var line, out _) == ParseStatus.Done
                && MtaProgram.Identify(line.Program, out var service) is { } mta)
            {
                Dispatch(file, lineNumber, line, mta, service);
            }
        }

        block.Release();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Dispatch(string file, int lineNumber, in LogLine line, MailTransferAgent mta, ReadOnlySpan<char> service)
    {
        switch (mta)
        {
            case MailTransferAgent.Postfix:
                _postfix.AcceptPostfix(file, lineNumber, line, service);
                break;
            case MailTransferAgent.Sendmail:
                if (SendmailTlsLine.TryRead(line.Message, file, lineNumber, line.Program.ToString(), line.Timestamp, Organisation, out var sendmailEvent) == ParseStatus.Done)
                {
                    _emit(sendmailEvent!);
                }

                break;
            case MailTransferAgent.Exim:
                if (EximTlsLine.TryRead(line.Message, Context(file, lineNumber, line), out var eximEvent) == ParseStatus.Done)
                {
                    _emit(eximEvent!);
                }

                break;
            case MailTransferAgent.Dovecot:
                if (DovecotTlsLine.TryRead(line.Message, Context(file, lineNumber, line), out var dovecotEvent) == ParseStatus.Done)
                {
                    _emit(dovecotEvent!);
                }

                break;
        }
    }

    /// <summary>
    /// Sets the date BSD syslog years are inferred from, for the file about to be read (its
    /// modification time: rotated files each have their own).
    /// </summary>
    /// <param name="referenceDate">The file's last write time, or now for standard input.</param>
    public void SetReferenceDate(DateTime referenceDate) => _options = _options with { ReferenceDate = referenceDate };

    /// <summary>
    /// Where the sessions still open began. Events are handed over as sessions end, so an event that
    /// starts before the earliest of these (in reading order) has already been handed over: a
    /// writer that promises line order may release everything before it.
    /// </summary>
    public IEnumerable<Evidence.SourceLocation> OpenSessionStarts => _postfix.OpenSessionStarts;

    /// <summary>Ends the input: reports sessions still open when they hold a decisive line.</summary>
    public void Complete() => _postfix.Complete();

    private LineContext Context(string file, int lineNumber, in LogLine line) =>
        new(file, lineNumber, line.Program.ToString(), line.Timestamp, Organisation);

    private string? Organisation(string? host) => host is null ? null : _organisations.Of(host);
}
