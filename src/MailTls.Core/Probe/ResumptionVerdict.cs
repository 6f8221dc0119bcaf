namespace MailTls.Core.Probe;

/// <summary>Whether a second connection resumed the session of a first one, by one mechanism.</summary>
/// <param name="Resumed">True when it resumed; false when the server never resumes this way (no id or ticket issued, or a full handshake again); null when unknown (not tested, or an error).</param>
/// <param name="Detail">What was seen, e.g. "a new session id instead of the offered one".</param>
public sealed record ResumptionVerdict(bool? Resumed, string Detail)
{
    /// <summary>A verdict for a mechanism that could not be tested.</summary>
    public static ResumptionVerdict Unknown(string detail) => new(null, detail);
}
