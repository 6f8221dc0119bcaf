using MailTls.Core.Profiles;

namespace MailTls.Core.Postfix;

/// <summary>What one sender would negotiate with one smtpd service, or why it could not.</summary>
public sealed record SenderOutcome
{
    /// <summary>The sender.</summary>
    public required SenderProfile Sender { get; init; }

    /// <summary>How the handshake ends.</summary>
    public required SenderOutcomeKind Kind { get; init; }

    /// <summary>The protocol both sides would use, when they share one.</summary>
    public PostfixProtocol? Protocol { get; init; }

    /// <summary>The suite chosen, when one is shared.</summary>
    public string? Suite { get; init; }

    /// <summary>For a failed suite negotiation: each offered suite and what blocks it.</summary>
    public IReadOnlyList<BlockedSuite> Blocked { get; init; } = [];
}
