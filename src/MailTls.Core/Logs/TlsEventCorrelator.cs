using System.Runtime.CompilerServices;
using MailTls.Core.Logs.Postfix;

namespace MailTls.Core.Logs;

/// <summary>
/// NAME
///   TlsEventCorrelator - group Postfix lines into one TLS event per attempt
/// SUMMARY
///   A Postfix smtpd, smtp or lmtp process handles one connection at a time, so the lines of one
///   attempt share the tag and pid. A session opens at <c>connect from</c> (inbound) or at the first
///   TLS line (outbound, start-up), and closes at <c>disconnect from</c>, at the delivery status line
///   that carries the queue id, when a line names another peer, or when the input ends.
///   <c>SSL_accept error</c>, <c>TLS library problem</c> and <c>lost connection after STARTTLS</c>
///   therefore become one event with one cause.
/// DIAGNOSTICS
///   Sessions left open at the end of input are reported only if something decisive was logged.
/// </summary>
internal sealed class TlsEventCorrelator
{
    private readonly Dictionary<SessionKey, TlsSession> _open = [];

    // Closed sessions kept for reuse; a few suffice, since sessions close about as fast as they open.
    private const int MaxSpareSessions = 64;
    private readonly Stack<TlsSession> _spare = new();
    private readonly NameInterner _programs = new();
    private readonly Dictionary<SessionKey, string> _lastStatusOnly = [];
    private readonly HashSet<string> _failedOrganisations = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<string?, string?> _organisation;
    private readonly Action<TlsEvent> _emit;
    private readonly Action<CleartextDelivery> _cleartext;

    // The syslog tag of the last line and its string hash: every line of a read shares one interned
    // tag string per program, so the tag is hashed again only when the program changes.
    private string? _hashedProgram;
    private int _programHash;

    // Organisations remembered as having failed inbound TLS; beyond this, new ones are not tracked
    // so that memory stays bounded on logs with millions of distinct peers.
    private const int MaxFailedOrganisations = 100_000;

    // Sessions are keyed by program and pid; a damaged or crafted log with endless distinct keys
    // must not grow these tables without limit (a long --follow included).
    private const int MaxTrackedSessions = 100_000;

    /// <summary>Creates a correlator that hands each finished event to <paramref name="emit"/>.</summary>
    public TlsEventCorrelator(Func<string?, string?> organisation, Action<TlsEvent> emit, Action<CleartextDelivery>? cleartext = null)
    {
        _organisation = organisation;
        _emit = emit;
        _cleartext = cleartext ?? (_ => { });
    }

    /// <summary>Takes one parsed Postfix line.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AcceptPostfix(string file, int lineNumber, in LogLine line, ReadOnlySpan<char> service)
    {
        if (PostfixLineRecord.Create(line, service, _programs) is { } record)
        {
            Accept(file, lineNumber, record);
        }
    }

    /// <summary>Takes one classified Postfix line (parsed elsewhere, possibly on another thread).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Accept(string file, int lineNumber, in PostfixLineRecord tls)
    {
        var key = Key(tls);
        _open.TryGetValue(key, out var session);

        switch (tls.Kind)
        {
            case PostfixLineKind.Connect:
                Close(key);
                session = Open(key, file, lineNumber, tls, TlsDirection.Inbound);
                SetPeer(session, tls);
                return;

            case PostfixLineKind.Disconnect:
                if (session is not null)
                {
                    if (tls.StartTlsFailed)
                    {
                        session.HasTlsSignal = true;
                        session.StartTlsCounter ??= Clue(TlsCause.Unknown, "STARTTLS was issued but did not complete (starttls=0/1)", lineNumber, tls);
                    }

                    Close(key);
                }

                return;

            case PostfixLineKind.StartupError:
                if (session is null || session.Startup is null)
                {
                    Close(key);
                    session = Open(key, file, lineNumber, tls, TlsDirection.Startup);
                }

                session.HasTlsSignal = true;
                session.Startup ??= Clue(TlsCause.LocalTlsConfigError, tls.Reason, lineNumber, tls);
                return;

            case PostfixLineKind.MessageAccepted:
                // Only a session without any TLS line can become a cleartext delivery (see Close).
                if (session is not null && session.Direction == TlsDirection.Inbound && !session.HasTlsSignal)
                {
                    session.Accepted ??= Clue(TlsCause.Unknown, "", lineNumber, tls);
                }

                return;

            case PostfixLineKind.PolicyOutcome when session is null:
                AcceptStatusWithoutSession(key, file, lineNumber, tls);
                return;
        }

        // A library problem belongs to whatever the process is doing, even with no peer on the line.
        if (session is not null && session.Startup is not null && tls.Kind != PostfixLineKind.LibraryProblem)
        {
            Close(key);
            session = null;
        }

        if (session is not null && tls.Ip is { } ip && session.Ip is { } known && !string.Equals(ip, known, StringComparison.Ordinal))
        {
            // Another peer on the same process: the previous attempt is over (smtp trying the next
            // MX, or an excerpt that lost its disconnect line).
            Close(key);
            session = null;
        }

        session ??= Open(key, file, lineNumber, tls, tls.Outbound is { } outbound
            ? (outbound ? TlsDirection.Outbound : TlsDirection.Inbound)
            : tls.ServiceDirection);
        if (tls.Outbound is { } isOutbound && tls.Kind != PostfixLineKind.VerificationFailed)
        {
            session.Direction = isOutbound ? TlsDirection.Outbound : TlsDirection.Inbound;
        }

        SetPeer(session, tls);
        session.HasTlsSignal |= tls.Kind switch
        {
            PostfixLineKind.PolicyOutcome => tls.Cause is not null,
            PostfixLineKind.PeerDetail => false,
            _ => true,
        };
        Record(session, tls, lineNumber);

        if (tls.Kind == PostfixLineKind.PolicyOutcome && tls.QueueId is { } queueId)
        {
            session.QueueId ??= queueId;
            if (tls.Cause is not null)
            {
                RememberStatus(key, session.QueueId);
            }

            Close(key);
        }
    }

    /// <summary>Where each open session began: no event still to come starts before the earliest of them.</summary>
    public IEnumerable<Evidence.SourceLocation> OpenSessionStarts => _open.Values.Select(s => new Evidence.SourceLocation(s.File, s.FirstLine));

    /// <summary>Reports every session still open (end of input).</summary>
    public void Complete()
    {
        foreach (var key in _open.Keys.ToArray())
        {
            Close(key, complete: false);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AcceptStatusWithoutSession(SessionKey key, string file, int lineNumber, in PostfixLineRecord tls)
    {
        // A status line alone is a TLS event only when its text is about TLS ("TLS is required, but
        // was not offered"). One message to many recipients logs one status line per recipient:
        // report the attempt once.
        if (tls.Cause is null)
        {
            return;
        }

        if (tls.QueueId is not null && _lastStatusOnly.TryGetValue(key, out var last) && string.Equals(tls.QueueId, last, StringComparison.Ordinal))
        {
            return;
        }

        var session = Open(key, file, lineNumber, tls, tls.ServiceDirection ?? TlsDirection.Outbound);
        SetPeer(session, tls);
        session.HasTlsSignal = true;
        session.QueueId = tls.QueueId;
        Record(session, tls, lineNumber);
        if (session.QueueId is not null)
        {
            // A delivery status ends the attempt; a warning without a queue id ("error setting cipher
            // grade") is followed by the library lines that explain it.
            RememberStatus(key, session.QueueId);
            Close(key);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Record(TlsSession session, in PostfixLineRecord tls, int lineNumber)
    {
        var cause = tls.Cause ?? TlsCause.Unknown;
        switch (tls.Kind)
        {
            case PostfixLineKind.Established:
                session.Protocol = tls.Protocol;
                session.Cipher = tls.Cipher;
                session.Trust = tls.Trust;
                session.EstablishedLine = lineNumber;
                break;
            case PostfixLineKind.LibraryProblem when cause != TlsCause.Unknown:
                session.Library ??= Clue(cause, tls.Reason, lineNumber, tls);
                break;
            case PostfixLineKind.LibraryProblem:
                session.LibraryUnattributed ??= Clue(cause, tls.Reason, lineNumber, tls);
                break;
            case PostfixLineKind.VerificationFailed:
                if (session.Verification is null || session.Verification.Cause == TlsCause.Unknown)
                {
                    session.Verification = Clue(cause, tls.Reason, lineNumber, tls);
                }

                break;
            case PostfixLineKind.Alert when tls.Cause is not null:
                session.Alert ??= Clue(cause, $"alert: {tls.Reason}", lineNumber, tls);
                break;
            case PostfixLineKind.PolicyOutcome when tls.Cause is not null:
            case PostfixLineKind.InboundPolicy:
                session.Policy ??= Clue(cause, tls.Reason, lineNumber, tls);
                break;
            case PostfixLineKind.HandshakeError:
                session.Handshake ??= Clue(cause, tls.Reason.Length == 0 ? "handshake error" : $"handshake error: {tls.Reason}", lineNumber, tls);
                break;
            case PostfixLineKind.LostAfterStartTls:
            case PostfixLineKind.TimeoutAfterStartTls:
                session.LostOrTimeout ??= Clue(cause, tls.Reason, lineNumber, tls);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static TlsClue Clue(TlsCause cause, string detail, int lineNumber, in PostfixLineRecord tls) =>
        new(cause, detail, lineNumber, tls.Text);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SetPeer(TlsSession session, in PostfixLineRecord tls)
    {
        session.Ip ??= tls.Ip;
        if (session.Host is null && tls.Host is not null)
        {
            session.Host = tls.Host;
            session.Organisation = tls.Organisation;
            session.OrganisationKnown = tls.OrganisationKnown;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private TlsSession Open(SessionKey key, string file, int lineNumber, in PostfixLineRecord tls, TlsDirection? direction)
    {
        if (_open.Count >= MaxTrackedSessions && !_open.ContainsKey(key))
        {
            // Sessions this old without an end line are reported as they stand rather than kept.
            Complete();
        }

        TlsSession session;
        if (_spare.TryPop(out var spare))
        {
            spare.Restart(file, lineNumber, tls.Timestamp, MailTransferAgent.Postfix, tls.Program, direction);
            session = spare;
        }
        else
        {
            session = new TlsSession(file, lineNumber, tls.Timestamp, MailTransferAgent.Postfix, tls.Program, direction);
        }

        _open[key] = session;
        return session;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Close(SessionKey key, bool complete = true)
    {
        if (!_open.Remove(key, out var session))
        {
            return;
        }

        if (session.ToEvent(_organisation, complete) is { } tlsEvent)
        {
            if (tlsEvent is { Direction: TlsDirection.Inbound, Outcome: TlsOutcome.Failure, Peer.Org: { } failedOrg }
                && _failedOrganisations.Count < MaxFailedOrganisations)
            {
                _failedOrganisations.Add(failedOrg);
            }

            _emit(tlsEvent);
        }
        else if (!session.HasTlsSignal && session.Accepted is { } accepted && session.Direction == TlsDirection.Inbound
            && (session.OrganisationKnown ? session.Organisation : _organisation(session.Host)) is { } org && _failedOrganisations.Contains(org))
        {
            _cleartext(new CleartextDelivery(
                new Evidence.SourceLocation(session.File, accepted.Line),
                new TlsPeer(session.Host, session.Ip, org),
                session.Timestamp,
                accepted.Text));
        }

        // Nothing keeps the session past this point: the event copied what it reports.
        if (_spare.Count < MaxSpareSessions)
        {
            _spare.Push(session);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RememberStatus(SessionKey key, string queueId)
    {
        // Only a duplicate-status filter: forgetting everything at the cap costs at most a repeated event.
        if (_lastStatusOnly.Count >= MaxTrackedSessions && !_lastStatusOnly.ContainsKey(key))
        {
            _lastStatusOnly.Clear();
        }

        _lastStatusOnly[key] = queueId;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SessionKey Key(in PostfixLineRecord tls)
    {
        var program = tls.Program;
        if (!ReferenceEquals(program, _hashedProgram))
        {
            _hashedProgram = program;
            _programHash = StringComparer.Ordinal.GetHashCode(program);
        }

        return new SessionKey(program, tls.Pid, _programHash);
    }

    /// <summary>One Postfix process: its tag and pid, with the tag's hash computed by the correlator.</summary>
    private readonly record struct SessionKey(string Program, int Pid, int ProgramHash)
    {
        public bool Equals(SessionKey other) => Pid == other.Pid && string.Equals(Program, other.Program, StringComparison.Ordinal);

        // A multiply and a xor: HashCode.Combine's mixing showed in profiles, and pids are already well spread.
        public override int GetHashCode() => ProgramHash ^ (Pid * -1640531535);
    }
}
