using MailTls.Core.Tls;

namespace MailTls.Core.Probe;

/// <summary>What the server will answer to a sender's ClientHello, computed from enumerated facts.</summary>
/// <param name="Outcome"><see cref="HelloOutcomeKind.ServerHello"/>, <see cref="HelloOutcomeKind.HelloRetryRequest"/> or <see cref="HelloOutcomeKind.Alert"/>.</param>
/// <param name="Version">The version the server picks; null when none is shared.</param>
/// <param name="Suite">The suite the server picks; null when the handshake fails.</param>
/// <param name="Detail">The reason, in words.</param>
public sealed record SenderPrediction(HelloOutcomeKind Outcome, TlsProtocolVersion? Version, CipherSuiteInfo? Suite, string Detail);
