namespace MailTls.Core.Postfix.Outbound;

/// <summary>The TLS policy that applies to a next hop: a table entry, or the global level.</summary>
public sealed record PolicyChoice
{
    /// <summary>The level in force; null when the policy is invalid.</summary>
    public OutboundLevel? Level { get; init; }

    /// <summary>The table entry that matched, if one did.</summary>
    public LookupEntry? Entry { get; init; }

    /// <summary>The table the entry is in.</summary>
    public string? Table { get; init; }

    /// <summary>The parsed entry.</summary>
    public TlsPolicy? Policy { get; init; }

    /// <summary>The keys looked up, in order, so the user sees why an entry did or did not apply.</summary>
    public IReadOnlyList<string> KeysTried { get; init; } = [];

    /// <summary>The global parameter in force when no entry matched.</summary>
    public ResolvedParameter? Global { get; init; }

    /// <summary>The policy tables' own problems (postmap errors) and the entry's invalidity.</summary>
    public string? Problem { get; init; }
}
