namespace MailTls.Core.MtaSts;

/// <summary>What happened when the policy was fetched from <c>https://mta-sts.DOMAIN/.well-known/mta-sts.txt</c>.</summary>
/// <param name="Url">The URL asked for.</param>
/// <param name="Outcome">How the fetch ended.</param>
/// <param name="Detail">What was seen, in words: the status line, the certificate problem, the phase that timed out.</param>
/// <param name="Endpoint">The address connected to, as <c>address:port</c>, when a connection was made.</param>
/// <param name="StatusCode">The HTTP status, when a response arrived.</param>
/// <param name="ContentType">The Content-Type header as sent, when a response arrived.</param>
/// <param name="Location">The Location header of a redirect.</param>
/// <param name="Body">The body, only when <paramref name="Outcome"/> is <see cref="MtaStsFetchOutcome.Fetched"/>.</param>
public sealed record MtaStsFetch(
    string Url,
    MtaStsFetchOutcome Outcome,
    string Detail,
    string? Endpoint = null,
    int? StatusCode = null,
    string? ContentType = null,
    string? Location = null,
    ReadOnlyMemory<byte>? Body = null);
