using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using MailTls.Core.Logs.Postfix;
using Entry = MailTls.Core.Logs.ParsedLogBlock.Entry;

namespace MailTls.Core.Logs;

/// <summary>
/// NAME
///   LogBlockParser - parse a block of UTF-8 log lines without the shared state of a correlator
/// SUMMARY
///   Splits the bytes at LF (dropping a CR before it), reads the common syslog header from the bytes
///   (<see cref="PlainSyslogHeader"/>: lines of programs that never log TLS stop there), decodes the
///   rest (invalid UTF-8 becomes U+FFFD), converts journald JSON lines, parses other headers and
///   classifies Postfix lines.
///   Pure and independent of other blocks, so blocks of one file can be parsed on several threads
///   and then added to one <see cref="TlsEventExtractor"/> in file order.
/// PERFORMANCE
///   The methods that run once per line or per event, here and in the classifier, correlator and
///   tables, are marked AggressiveOptimization. <c>mailtls logs</c> reads a large log in about a
///   second, and with tiered compilation most of that second ran unoptimised first-tier code: one
///   pass over 256 MB cost about twice the CPU of a warmed-up pass (bench/logs). The CLI also
///   turns off tiered PGO, whose instrumented tier is another slow pass for a short-lived process.
/// DIAGNOSTICS
///   Counts over-long and unrecognised lines as <see cref="TlsEventExtractor.Add(string, int, ReadOnlySpan{char})"/> does.
/// </summary>
public static class LogBlockParser
{
    private const int ProcessSlots = 1024;

    // Room for the kept lines of a typical 1 MiB block without growing.
    private const int InitialEntries = 8192;

    private static readonly UTF8Encoding Utf8 = new(false, false);

    private static readonly SearchValues<byte> QueueIdBytes = SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    /// <summary>Parses complete lines; the last one may lack its LF (end of file).</summary>
    /// <param name="utf8">The bytes of whole lines.</param>
    /// <param name="options">Limits and the reference date for BSD timestamps (the file's).</param>
    /// <returns>The kept lines and the counts.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ParsedLogBlock Parse(ReadOnlySpan<byte> utf8, LogParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Pooled, not a List: a block's entries outgrow the large-object threshold, and a fresh
        // large array per block made the GC run full collections (returned by ParsedLogBlock.Release).
        var entries = ArrayPool<Entry>.Shared.Rent(InitialEntries);
        var count = 0;
        var names = options.Names;
        var organisations = options.Organisations;
        var headers = new PlainSyslogHeader(options.ReferenceDate);
        var programs = new ProgramTags();

        // What each process's earlier lines in this block said: whether its session has established
        // TLS since its last other line, and the peer (a slot shared by two processes forgets, which
        // only costs a kept text or a lookup).
        var processes = ArrayPool<Process>.Shared.Rent(ProcessSlots);
        int lines = 0, parsed = 0, mailLines = 0, tooLong = 0, unrecognised = 0;
        var buffer = ArrayPool<char>.Shared.Rent(Math.Min(utf8.Length, options.MaxLineLength));
        try
        {
            while (!utf8.IsEmpty)
            {
                var end = utf8.IndexOf((byte)'\n');
                var bytes = end < 0 ? utf8 : utf8[..end];
                utf8 = end < 0 ? default : utf8[(end + 1)..];
                var index = lines++;
                if (!bytes.IsEmpty && bytes[^1] == (byte)'\r')
                {
                    bytes = bytes[..^1];
                }

                // A journald JSON line may be longer than the syslog line it stands for.
                var json = !bytes.IsEmpty && (bytes[0] == (byte)'{' || char.IsWhiteSpace((char)bytes[0]));
                var limit = json ? Math.Max(options.MaxLineLength, JournalJsonLine.MaxLength) : options.MaxLineLength;

                // A character takes at least one byte, so only a long line needs counting first.
                if (bytes.Length > limit && Utf8.GetCharCount(bytes) > limit)
                {
                    tooLong++;
                    continue;
                }

                LogLine line;
                ReadOnlySpan<char> text;
                if (!json && headers.TryRead(bytes, out var header))
                {
                    // The common shape: the program decides before anything is decoded, and only
                    // the message is decoded (the header is ASCII, checked by the header reader).
                    parsed++;
                    ref readonly var tag = ref programs.Find(bytes.Slice(header.ProgramStart, header.ProgramLength), names);
                    switch (tag.Mta)
                    {
                        case null:
                            continue;
                        case MailTransferAgent.Postfix:
                            mailLines++;
                            ref var process = ref processes[header.Pid & (ProcessSlots - 1)];
                            var known = ReferenceEquals(process.Program, tag.Program) && process.Pid == header.Pid;
                            var context = known ? process.Context : default;
                            var messageBytes = bytes[Math.Min(header.MessageStart, bytes.Length)..];
                            if (context.HasTls && IsPlainClientLine(messageBytes))
                            {
                                // Would be classified as a client= line and then dropped (below).
                                continue;
                            }

                            var message = buffer.AsSpan(0, Decode(messageBytes, ref buffer)).TrimEnd("\r\n");
                            if (PostfixLineRecord.TryCreate(tag.Program, header.Pid, header.Timestamp, message, tag.Direction, names, context, organisations, out var postfix))
                            {
                                // The correlator does nothing with a client= line of a session that
                                // already has TLS (only one without TLS can be a cleartext delivery).
                                if (postfix.Kind != PostfixLineKind.MessageAccepted || !context.HasTls)
                                {
                                    Append(ref entries, ref count, new Entry(index, postfix));
                                }

                                var hasTls = postfix.Kind switch
                                {
                                    PostfixLineKind.Established => true,
                                    PostfixLineKind.MessageAccepted => context.HasTls,
                                    _ => false,
                                };
                                process = new Process(tag.Program, header.Pid, postfix.Host is null
                                    ? context with { HasTls = hasTls, Ip = postfix.Ip ?? context.Ip }
                                    : new ProcessContext(hasTls, postfix.Host, postfix.Ip ?? context.Ip, postfix.Organisation, postfix.OrganisationKnown));
                            }

                            continue;
                    }

                    text = buffer.AsSpan(0, Decode(bytes, ref buffer)).TrimEnd("\r\n");
                    line = new LogLine(
                        header.Format,
                        header.Timestamp,
                        default,
                        text.Slice(header.HostStart, header.HostLength),
                        text.Slice(header.ProgramStart, header.ProgramLength),
                        header.Pid,
                        header.MessageStart < text.Length ? text[header.MessageStart..] : default);
                }
                else
                {
                    text = buffer.AsSpan(0, Decode(bytes, ref buffer));
                    if (json && JournalJsonLine.TryConvert(text, out var converted))
                    {
                        text = converted;
                    }

                    if (LogLineParser.TryParse(text, options, out line, out var error) != ParseStatus.Done)
                    {
                        if (error == LogLineError.TooLong)
                        {
                            tooLong++;
                        }
                        else if (error != LogLineError.Empty)
                        {
                            unrecognised++;
                        }

                        continue;
                    }

                    parsed++;
                }

                switch (MtaProgram.Identify(line.Program, out var service))
                {
                    case MailTransferAgent.Postfix:
                        mailLines++;
                        if (PostfixLineRecord.Create(line, service, names) is { } record)
                        {
                            Append(ref entries, ref count, new Entry(index, record));

                            // This line may have opened or closed the process's session: what the
                            // table knew of that session no longer holds.
                            processes[record.Pid & (ProcessSlots - 1)] = default;
                        }

                        break;
                    case not null:
                        mailLines++;
                        Append(ref entries, ref count, new Entry(index, text.ToString()));
                        break;
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
            ArrayPool<Process>.Shared.Return(processes, clearArray: true);
        }

        return new ParsedLogBlock(entries, count, lines, parsed, mailLines, tooLong, unrecognised);
    }

    /// <summary>
    /// True for <c>QUEUEID: client=PEER</c> with nothing after the peer: the classifier can only call
    /// that a client= line, since every other message it recognises has a space where this has none.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool IsPlainClientLine(ReadOnlySpan<byte> message)
    {
        var end = message.IndexOfAnyExcept(QueueIdBytes);
        return end is >= 5 and <= 32
            && message[end..].StartsWith(": client="u8)
            && !message.StartsWith("warning: "u8)
            && message[(end + ": client=".Length)..].IndexOf((byte)' ') < 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Decode(ReadOnlySpan<byte> bytes, ref char[] buffer)
    {
        if (buffer.Length < bytes.Length)
        {
            ArrayPool<char>.Shared.Return(buffer);
            buffer = ArrayPool<char>.Shared.Rent(bytes.Length);
        }

        return Utf8.GetChars(bytes, buffer);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Append(ref Entry[] entries, ref int count, in Entry entry)
    {
        if (count == entries.Length)
        {
            var larger = ArrayPool<Entry>.Shared.Rent(entries.Length * 2);
            entries.AsSpan().CopyTo(larger);
            entries.AsSpan().Clear();
            ArrayPool<Entry>.Shared.Return(entries);
            entries = larger;
        }

        entries[count++] = entry;
    }

    /// <summary>
    /// The few syslog tags of a block, remembered as bytes with what they mean: a line's tag is then
    /// one short comparison instead of being decoded, identified and interned again.
    /// </summary>
    private sealed class ProgramTags
    {
        private const int Slots = 16;
        private readonly Tag[] _tags = new Tag[Slots];
        private int _count;
        private int _next;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public ref readonly Tag Find(ReadOnlySpan<byte> program, NameInterner names)
        {
            for (var i = 0; i < _count; i++)
            {
                if (program.SequenceEqual(_tags[i].Bytes))
                {
                    return ref _tags[i];
                }
            }

            Span<char> chars = stackalloc char[program.Length];
            Ascii.ToUtf16(program, chars, out _);
            var mta = MtaProgram.Identify(chars, out var service);
            var slot = _next;
            _next = (_next + 1) % Slots;
            _count = Math.Max(_count, _next == 0 ? Slots : _next);
            _tags[slot] = new Tag(program.ToArray(), mta, mta is null ? string.Empty : names.Intern(chars), MtaProgram.PostfixDirection(service));
            return ref _tags[slot];
        }
    }

    private readonly record struct Process(string? Program, int Pid, ProcessContext Context);

    private readonly record struct Tag(byte[] Bytes, MailTransferAgent? Mta, string Program, TlsDirection? Direction);
}
