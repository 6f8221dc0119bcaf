namespace MailTls.Core.Postfix;

/// <summary>What a <c>*_tls_protocols</c> value means for one Postfix and OpenSSL version.</summary>
public sealed record ProtocolListResult
{
    /// <summary>The list as evaluated.</summary>
    public required string List { get; init; }

    /// <summary>
    /// The token Postfix does not know, which makes the whole list invalid: Postfix then logs
    /// <c>Invalid TLS protocol list</c> and disables TLS (server) or aborts the session (client).
    /// </summary>
    public string? InvalidToken { get; init; }

    /// <summary>Whether Postfix accepts the list.</summary>
    public bool IsValid => InvalidToken is null;

    /// <summary>Protocols the list turns off.</summary>
    public IReadOnlySet<PostfixProtocol> Disabled { get; init; } = new HashSet<PostfixProtocol>();

    /// <summary>The <c>&gt;=</c> bound (Postfix 3.6+), when one is set.</summary>
    public PostfixProtocol? Floor { get; init; }

    /// <summary>The <c>&lt;=</c> bound (Postfix 3.6+), when one is set.</summary>
    public PostfixProtocol? Ceiling { get; init; }

    /// <summary>
    /// Protocols a server with this list accepts, each on its own (OpenSSL servers do not truncate
    /// at a hole), limited to what the OpenSSL version can speak.
    /// </summary>
    public IReadOnlyList<PostfixProtocol> ServerAccepts { get; init; } = [];

    /// <summary>
    /// Protocols a client with this list offers: OpenSSL clients use the contiguous run starting at
    /// the lowest enabled version, so a hole truncates the range.
    /// </summary>
    public IReadOnlyList<PostfixProtocol> ClientOffers { get; init; } = [];

    /// <summary>Readings that are legal but probably not what the writer meant.</summary>
    public IReadOnlyList<string> Pitfalls { get; init; } = [];
}
