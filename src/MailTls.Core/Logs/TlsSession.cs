using System.Runtime.CompilerServices;
using MailTls.Core.Evidence;

namespace MailTls.Core.Logs;

/// <summary>
/// The lines of one TLS attempt gathered so far (one smtpd connection, one smtp delivery attempt,
/// or one process start-up), and the rule that reduces them to a single <see cref="TlsEvent"/>.
/// </summary>
internal sealed class TlsSession
{
    /// <summary>Starts a session at the given line.</summary>
    public TlsSession(string file, int firstLine, LogTimestamp? timestamp, MailTransferAgent mta, string program, TlsDirection? direction)
    {
        File = file;
        Program = program;
        Restart(file, firstLine, timestamp, mta, program, direction);
    }

    public string File { get; private set; }

    public int FirstLine { get; private set; }

    public LogTimestamp? Timestamp { get; private set; }

    public MailTransferAgent Mta { get; private set; }

    public string Program { get; private set; }

    public TlsDirection? Direction { get; set; }

    public string? Host { get; set; }

    /// <summary>The organisation of <see cref="Host"/>, when <see cref="OrganisationKnown"/> (resolved while parsing).</summary>
    public string? Organisation { get; set; }

    public bool OrganisationKnown { get; set; }

    public string? Ip { get; set; }

    public string? QueueId { get; set; }

    /// <summary>True once any line about TLS (not just connect/disconnect) belongs to the session.</summary>
    public bool HasTlsSignal { get; set; }

    public string? Protocol { get; set; }

    public string? Cipher { get; set; }

    public TlsTrust? Trust { get; set; }

    /// <summary>The line that reported the established connection, if any (its text is never quoted).</summary>
    public int? EstablishedLine { get; set; }

    /// <summary>An OpenSSL reason with an attributed cause.</summary>
    public TlsClue? Library { get; set; }

    /// <summary>An OpenSSL reason (or raw library text) with no attributed cause.</summary>
    public TlsClue? LibraryUnattributed { get; set; }

    public TlsClue? Verification { get; set; }

    public TlsClue? Alert { get; set; }

    /// <summary>A policy outcome: deferral text, TLS-required messages, inbound policy rejections.</summary>
    public TlsClue? Policy { get; set; }

    public TlsClue? Handshake { get; set; }

    public TlsClue? LostOrTimeout { get; set; }

    public TlsClue? Startup { get; set; }

    public TlsClue? StartTlsCounter { get; set; }

    /// <summary>The <c>client=</c> line of the first message accepted in this session.</summary>
    public TlsClue? Accepted { get; set; }

    /// <summary>
    /// Reduces the session to one event, or null when it holds nothing about TLS or stopped before
    /// anything decisive was logged (<paramref name="complete"/> false: the input ended mid-session).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TlsEvent? ToEvent(Func<string?, string?> organisation, bool complete)
    {
        if (!HasTlsSignal)
        {
            return null;
        }

        if (Startup is { } startup)
        {
            return Build(TlsDirection.Startup, TlsOutcome.Failure, TlsCause.LocalTlsConfigError, Join(startup.Detail, Library?.Detail ?? LibraryUnattributed?.Detail), startup, TlsPeer.None);
        }

        var direction = Direction ?? TlsDirection.Inbound;
        var peer = Host is null && Ip is null ? TlsPeer.None : new TlsPeer(Host, Ip, OrganisationKnown ? Organisation : organisation(Host));
        if (EstablishedLine is { } established)
        {
            if (Policy is { } policy)
            {
                var (cause, decider) = PolicyFailureCause(policy);
                return Build(direction, TlsOutcome.Failure, cause, decider.Detail, decider, peer);
            }

            return Build(direction, TlsOutcome.Success, TlsCause.Ok, null, established, string.Empty, peer);
        }

        // The handshake did not complete. Take the most specific clue: a verify error names the
        // certificate problem; an attributed OpenSSL reason beats Postfix's generic texts; an
        // unattributed reason still says more than "lost connection"; a timed-out SSL_accept says
        // more than the "lost connection after STARTTLS" smtpd logs after every failed handshake.
        var clue = Verification is { Cause: not TlsCause.Unknown } ? Verification
            : Library
            ?? (Policy is { Cause: not TlsCause.Unknown } ? Policy : null)
            ?? Alert
            ?? LibraryUnattributed
            ?? Verification
            ?? (Handshake is { Cause: TlsCause.HandshakeTimeout } ? Handshake : null)
            ?? LostOrTimeout
            ?? (Handshake is { Cause: not TlsCause.Unknown } ? Handshake : null)
            ?? Policy
            ?? Handshake
            ?? StartTlsCounter;
        if (clue is null)
        {
            return complete ? Build(direction, TlsOutcome.Failure, TlsCause.Unknown, "TLS handshake started; no outcome was logged", null, peer) : null;
        }

        var finalCause = clue.Cause;
        if (finalCause == TlsCause.ServerCertUntrusted && clue == Library && direction == TlsDirection.Inbound)
        {
            // "certificate verify failed" on our server concerns the client's certificate.
            finalCause = TlsCause.ClientCertificateProblem;
        }

        return Build(direction, TlsOutcome.Failure, finalCause, clue.Detail, clue, peer);
    }

    /// <summary>
    /// The handshake completed but our policy refused the result. "Server certificate not verified"
    /// (Postfix 2.x-3.x, must-match levels) means the chain or the names failed: a verify error says
    /// which; a "Trusted" label says the chain was fine, so it was the name.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (TlsCause Cause, TlsClue Decider) PolicyFailureCause(TlsClue policy)
    {
        if (policy.Cause != TlsCause.Unknown)
        {
            return (policy.Cause, policy);
        }

        if (Verification is { Cause: not TlsCause.Unknown } verification)
        {
            return (verification.Cause, verification);
        }

        if (Trust == TlsTrust.Trusted && policy.Detail.StartsWith("Server certificate not verified", StringComparison.Ordinal))
        {
            return (TlsCause.ServerCertNameMismatch, policy with { Detail = $"{policy.Detail}: the chain is trusted, so no certificate name matched the policy" });
        }

        return (TlsCause.Unknown, policy);
    }

    /// <summary>
    /// Clears the session for another attempt: the correlator reuses closed sessions, because one
    /// new object per connection was a large share of what reading a big log allocated.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Restart(string file, int firstLine, LogTimestamp? timestamp, MailTransferAgent mta, string program, TlsDirection? direction)
    {
        File = file;
        FirstLine = firstLine;
        Timestamp = timestamp;
        Mta = mta;
        Program = program;
        Direction = direction;
        Host = null;
        Organisation = null;
        OrganisationKnown = false;
        Ip = null;
        QueueId = null;
        HasTlsSignal = false;
        Protocol = null;
        Cipher = null;
        Trust = null;
        EstablishedLine = null;
        Library = null;
        LibraryUnattributed = null;
        Verification = null;
        Alert = null;
        Policy = null;
        Handshake = null;
        LostOrTimeout = null;
        Startup = null;
        StartTlsCounter = null;
        Accepted = null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private TlsEvent Build(TlsDirection direction, TlsOutcome outcome, TlsCause cause, string? detail, TlsClue? decider, TlsPeer peer) =>
        Build(direction, outcome, cause, detail, decider?.Line, decider?.Text, peer);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private TlsEvent Build(TlsDirection direction, TlsOutcome outcome, TlsCause cause, string? detail, int? deciderLine, string? deciderText, TlsPeer peer) => new()
    {
        Location = new SourceLocation(File, FirstLine),
        Mta = Mta,
        Program = Program,
        Direction = direction,
        Peer = peer,
        Outcome = outcome,
        Cause = cause,
        Detail = detail,
        Protocol = Protocol,
        Cipher = Cipher,
        Trust = Trust,
        Timestamp = Timestamp,
        QueueId = QueueId,
        CauseLocation = deciderLine is { } line ? new SourceLocation(File, line) : null,
        CauseText = deciderText,
    };

    private static string Join(string first, string? second) => second is null ? first : $"{first} ({second})";
}
