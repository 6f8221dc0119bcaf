using System.Runtime.CompilerServices;

namespace MailTls.Core.Logs.Postfix;

/// <summary>
/// A classified Postfix TLS line copied out of its buffer, so that lines can be parsed on one
/// thread and correlated on another. Holds only what the correlator uses. A struct, stored inline
/// in the block's pooled entry array: one object per kept line was a third of the parse's cost.
/// </summary>
internal readonly struct PostfixLineRecord
{
    private PostfixLineRecord(string program, int pid, LogTimestamp? timestamp, ReadOnlySpan<char> message, in PostfixTlsLine tls, NameInterner names, TlsDirection? serviceDirection, in ProcessContext process, HostOrganisations? organisations)
    {
        // The same peer, protocol and cipher recur on most lines of a session and across sessions.
        Kind = tls.Kind;
        Outbound = tls.Outbound;
        // The correlator reads the peer of a disconnect or client= line nowhere (the session has it
        // from its connect line), and those are two of a session's commonest lines.
        var peerUsed = tls.Kind is not (PostfixLineKind.Disconnect or PostfixLineKind.MessageAccepted);
        Host = tls.Host.IsEmpty || !peerUsed ? null : Name(tls.Host, process.Host, names);
        Ip = tls.Ip.IsEmpty || !peerUsed ? null : Name(tls.Ip, process.Ip, names);
        if (Host is not null && organisations is not null)
        {
            Organisation = ReferenceEquals(Host, process.Host) && process.OrganisationKnown ? process.Organisation : organisations.Of(Host);
            OrganisationKnown = true;
        }

        Protocol = tls.Protocol.IsEmpty ? null : names.Intern(tls.Protocol);
        Cipher = tls.Cipher.IsEmpty ? null : names.Intern(tls.Cipher);
        Trust = tls.Trust;
        Reason = tls.Reason.ToString();
        Cause = tls.Cause;
        // Only a delivery status needs its queue id: client= lines are the commonest lines with one.
        QueueId = tls.QueueId.IsEmpty || tls.Kind == PostfixLineKind.MessageAccepted ? null : tls.QueueId.ToString();
        StartTlsFailed = tls.StartTlsFailed;
        Program = program;
        Pid = pid;
        Timestamp = timestamp;
        ServiceDirection = serviceDirection;

        // Only lines that can become a clue keep their text: most connect and disconnect lines never
        // do, and a success is reported by its protocol, cipher and trust, never quoted.
        var quoted = tls.Kind switch
        {
            PostfixLineKind.Connect or PostfixLineKind.PeerDetail or PostfixLineKind.Established => false,
            PostfixLineKind.Disconnect => tls.StartTlsFailed,

            // A client= line is quoted only as the evidence of a delivery without TLS.
            PostfixLineKind.MessageAccepted => !process.HasTls,
            _ => true,
        };
        Text = quoted ? LogText.Printable(message) : string.Empty;
    }

    public PostfixLineKind Kind { get; }

    public bool? Outbound { get; }

    public string? Host { get; }

    public string? Ip { get; }

    /// <summary>The organisation of <see cref="Host"/>, when <see cref="OrganisationKnown"/>.</summary>
    public string? Organisation { get; }

    /// <summary>True when the organisation was resolved while parsing (block parsing with an extractor's options).</summary>
    public bool OrganisationKnown { get; }

    public string? Protocol { get; }

    public string? Cipher { get; }

    public TlsTrust? Trust { get; }

    public string Reason { get; }

    public TlsCause? Cause { get; }

    public string? QueueId { get; }

    public bool StartTlsFailed { get; }

    /// <summary>The syslog tag.</summary>
    public string Program { get; }

    public int Pid { get; }

    public LogTimestamp? Timestamp { get; }

    /// <summary>The direction the service implies (smtpd inbound, smtp outbound), for lines that do not say.</summary>
    public TlsDirection? ServiceDirection { get; }

    /// <summary>The message made printable, for lines that can decide a cause; empty otherwise.</summary>
    public string Text { get; }

    /// <summary>Classifies a Postfix line; null when it says nothing about TLS sessions.</summary>
    /// <param name="line">The parsed line.</param>
    /// <param name="service">The Postfix service from the tag (<c>smtpd</c>, <c>smtp</c>...).</param>
    /// <param name="names">Shares one string per program name, peer, protocol and cipher.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PostfixLineRecord? Create(in LogLine line, ReadOnlySpan<char> service, NameInterner names)
    {
        var tls = PostfixLineClassifier.Classify(line.Message);
        return tls.Kind == PostfixLineKind.Other
            ? null
            : new PostfixLineRecord(names.Intern(line.Program), line.Pid, line.Timestamp, line.Message, tls, names, MtaProgram.PostfixDirection(service), default, null);
    }

    /// <summary>Classifies the message of a line whose header was read elsewhere.</summary>
    /// <param name="program">The syslog tag, already interned.</param>
    /// <param name="pid">The process id.</param>
    /// <param name="timestamp">When the line was written.</param>
    /// <param name="message">The text after the header.</param>
    /// <param name="serviceDirection">The direction the Postfix service implies.</param>
    /// <param name="names">Interns peers, protocols and ciphers.</param>
    /// <param name="process">What earlier lines of this process said, when known.</param>
    /// <param name="organisations">Resolves the peer's organisation now, or null to leave it to the correlator.</param>
    /// <param name="record">The record, written in place (a record is large; a nullable return copied it twice).</param>
    /// <returns>False when the line is not about TLS.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryCreate(string program, int pid, LogTimestamp? timestamp, ReadOnlySpan<char> message, TlsDirection? serviceDirection, NameInterner names, in ProcessContext process, HostOrganisations? organisations, out PostfixLineRecord record)
    {
        var tls = PostfixLineClassifier.Classify(message);
        record = tls.Kind == PostfixLineKind.Other
            ? default
            : new PostfixLineRecord(program, pid, timestamp, message, tls, names, serviceDirection, process, organisations);
        return tls.Kind != PostfixLineKind.Other;
    }

    // The peer of a session's later lines is usually the one its connect line named: comparing with
    // that string is cheaper than looking the name up again.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string Name(ReadOnlySpan<char> name, string? known, NameInterner names) =>
        known is not null && name.SequenceEqual(known) ? known : names.Intern(name);
}

/// <summary>What the earlier lines of one Postfix process in the same block said (default: nothing known).</summary>
/// <param name="HasTls">True when its session already established TLS, so that a client= line need not keep its text (only a session without TLS quotes it, as a cleartext delivery).</param>
/// <param name="Host">The peer host last named.</param>
/// <param name="Ip">The peer address last named.</param>
/// <param name="Organisation">The organisation of <paramref name="Host"/>, when <paramref name="OrganisationKnown"/>.</param>
/// <param name="OrganisationKnown">True when <paramref name="Organisation"/> was resolved (it may be null: a host without a registrable domain).</param>
internal readonly record struct ProcessContext(bool HasTls, string? Host, string? Ip, string? Organisation, bool OrganisationKnown);
