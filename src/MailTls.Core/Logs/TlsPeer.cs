namespace MailTls.Core.Logs;

/// <summary>The other end of a TLS attempt.</summary>
/// <param name="Host">The name as logged (<c>unknown</c> when reverse DNS failed), or null.</param>
/// <param name="Ip">The address as logged, or null.</param>
/// <param name="Org">The registrable domain of <paramref name="Host"/>, or null when there is no usable name.</param>
public sealed record TlsPeer(string? Host, string? Ip, string? Org)
{
    /// <summary>No peer (startup events).</summary>
    public static TlsPeer None { get; } = new(null, null, null);

    /// <summary>Postfix's <c>host[ip]</c> form.</summary>
    public override string ToString() => (Host, Ip) switch
    {
        (null, null) => "-",
        (_, null) => Host!,
        (null, _) => $"[{Ip}]",
        _ => $"{Host}[{Ip}]",
    };
}
