namespace MailTls.Core.Postfix;

/// <summary>The OpenSSL cipher string Postfix builds for a session, or why it cannot.</summary>
public sealed record CipherListResult
{
    /// <summary>The grade in force (high, medium, low, export, null) after version mapping.</summary>
    public required string Grade { get; init; }

    /// <summary>The parameter that chose the grade.</summary>
    public ResolvedParameter? GradeParameter { get; init; }

    /// <summary>The <c>tls_&lt;grade&gt;_cipherlist</c> parameter supplying the base list.</summary>
    public ResolvedParameter? BaseParameter { get; init; }

    /// <summary>The exclusion tokens appended as <c>:!token</c>, in order, each with its source parameter.</summary>
    public IReadOnlyList<(string Token, string Parameter)> Exclusions { get; init; } = [];

    /// <summary>The string Postfix passes to OpenSSL (and logs as <c>TLS cipher list "..."</c>); null when invalid.</summary>
    public string? CipherString { get; init; }

    /// <summary>Why Postfix cannot build the list (unknown grade, bad exclusion), in Postfix's words.</summary>
    public string? Problem { get; init; }
}
