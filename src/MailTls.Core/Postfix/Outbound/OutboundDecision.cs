using MailTls.Core.Evidence;

namespace MailTls.Core.Postfix.Outbound;

/// <summary>Postfix's outbound TLS decision for one destination, before any server is contacted.</summary>
public sealed record OutboundDecision
{
    /// <summary>Where mail goes.</summary>
    public required NextHop NextHop { get; init; }

    /// <summary>The policy in force.</summary>
    public required PolicyChoice Choice { get; init; }

    /// <summary>The match list in force at verify/secure: strategies (nexthop, dot-nexthop, hostname) and names.</summary>
    public IReadOnlyList<string> MatchList { get; init; } = [];

    /// <summary>Where the match list came from: "match= in the policy entry" or the main.cf parameter.</summary>
    public string? MatchListSource { get; init; }

    /// <summary>The line that set the match list.</summary>
    public SourceLocation? MatchListLocation { get; init; }

    /// <summary>Whether the level checks certificate names (verify, secure).</summary>
    public bool ChecksNames => Choice.Level is OutboundLevel.Verify or OutboundLevel.Secure;
}
