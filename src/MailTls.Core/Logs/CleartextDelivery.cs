using MailTls.Core.Evidence;

namespace MailTls.Core.Logs;

/// <summary>
/// A message accepted without TLS from a peer whose organisation had already failed a TLS handshake
/// with this server: the sender fell back to cleartext (scenario 1: Facebook retried in cleartext,
/// Gmail bounced instead).
/// </summary>
/// <param name="Location">The line that shows the message was accepted (<c>QUEUEID: client=H[A]</c>).</param>
/// <param name="Peer">The sending peer.</param>
/// <param name="Timestamp">When, if the log says.</param>
/// <param name="Text">The line's message, for evidence.</param>
public sealed record CleartextDelivery(SourceLocation Location, TlsPeer Peer, LogTimestamp? Timestamp, string Text);
