using MailTls.Core.Dns;
using MailTls.Core.Logs.Dovecot;
using MailTls.Core.Logs.Exim;
using MailTls.Core.Logs.Sendmail;

namespace MailTls.Core.Logs;

/// <summary>
/// Turns log lines into <see cref="TlsEvent"/>s: parses each header, routes the line to the parser
/// of the MTA that wrote it, and correlates Postfix sessions. Feed the lines of each file in order
/// with <see cref="Add"/>, then call <see cref="Complete"/>. Pure: the caller reads the files.
/// </summary>
public sealed class TlsEventExtractor
{
    private const int MaxCachedOrganisations = 100_000;

    private LogParseOptions _options;
    private readonly PublicSuffixList _suffixes;
    private readonly Dictionary<string, string?> _organisations = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<TlsEvent> _events = [];
    private readonly List<CleartextDelivery> _cleartext = [];
    private readonly TlsEventCorrelator _postfix;
    private long _lines;
    private long _parsed;
    private long _mailLines;
    private long _tooLong;
    private long _unrecognised;

    /// <summary>Creates an extractor.</summary>
    /// <param name="options">Limits and the reference date for BSD timestamps.</param>
    /// <param name="suffixes">The Public Suffix List; <see cref="PublicSuffixList.Fallback"/> when unavailable.</param>
    public TlsEventExtractor(LogParseOptions? options = null, PublicSuffixList? suffixes = null)
    {
        _options = options ?? new LogParseOptions();
        _suffixes = suffixes ?? PublicSuffixList.Fallback;
        _postfix = new TlsEventCorrelator(Organisation, _events.Add, _cleartext.Add);
    }

    /// <summary>Events completed so far, in the order their sessions ended.</summary>
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

    /// <summary>Reads one line.</summary>
    /// <param name="file">The file it came from, as the user named it.</param>
    /// <param name="lineNumber">Its 1-based line number in that file.</param>
    /// <param name="text">The line, without its terminator.</param>
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
        var mta = MtaProgram.Identify(line.Program, out var service);
        switch (mta)
        {
            case MailTransferAgent.Postfix:
                _mailLines++;
                _postfix.AcceptPostfix(file, lineNumber, line, service);
                break;
            case MailTransferAgent.Sendmail:
                _mailLines++;
                if (SendmailTlsLine.TryRead(line.Message, file, lineNumber, line.Program.ToString(), line.Timestamp, Organisation, out var sendmailEvent) == ParseStatus.Done)
                {
                    _events.Add(sendmailEvent!);
                }

                break;
            case MailTransferAgent.Exim:
                _mailLines++;
                if (EximTlsLine.TryRead(line.Message, Context(file, lineNumber, line), out var eximEvent) == ParseStatus.Done)
                {
                    _events.Add(eximEvent!);
                }

                break;
            case MailTransferAgent.Dovecot:
                _mailLines++;
                if (DovecotTlsLine.TryRead(line.Message, Context(file, lineNumber, line), out var dovecotEvent) == ParseStatus.Done)
                {
                    _events.Add(dovecotEvent!);
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

    /// <summary>Ends the input: reports sessions still open when they hold a decisive line.</summary>
    public void Complete() => _postfix.Complete();

    private LineContext Context(string file, int lineNumber, in LogLine line) =>
        new(file, lineNumber, line.Program.ToString(), line.Timestamp, Organisation);

    private string? Organisation(string? host)
    {
        if (host is null)
        {
            return null;
        }

        if (!_organisations.TryGetValue(host, out var organisation))
        {
            organisation = _suffixes.GetRegistrableDomain(host);

            // Bounded so that a log with millions of distinct hosts cannot grow the cache without limit.
            if (_organisations.Count < MaxCachedOrganisations)
            {
                _organisations[host] = organisation;
            }
        }

        return organisation;
    }
}
