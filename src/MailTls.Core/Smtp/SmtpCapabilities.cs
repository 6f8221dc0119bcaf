using System.Collections.Immutable;
using System.Globalization;

namespace MailTls.Core.Smtp;

/// <summary>
/// The service extensions a server announced in its EHLO reply (RFC 5321 section 4.1.1.1).
/// Keywords are kept in full, so extensions without a property here are still available.
/// </summary>
public sealed record SmtpCapabilities
{
    /// <summary>The domain the server named on the first line.</summary>
    public required string Domain { get; init; }

    /// <summary>Keyword (upper case, looked up case-insensitively) to its parameters (upper case); the first announcement wins.</summary>
    public required ImmutableDictionary<string, ImmutableArray<string>> Keywords { get; init; }

    /// <summary>Lines that are not a valid ehlo-line (kept for evidence, not interpreted).</summary>
    public ImmutableArray<string> UnparsedLines { get; init; } = [];

    /// <summary>STARTTLS (RFC 3207).</summary>
    public bool StartTls => Has("STARTTLS");

    /// <summary>PIPELINING (RFC 2920).</summary>
    public bool Pipelining => Has("PIPELINING");

    /// <summary>SMTPUTF8 (RFC 6531).</summary>
    public bool SmtpUtf8 => Has("SMTPUTF8");

    /// <summary>REQUIRETLS (RFC 8689).</summary>
    public bool RequireTls => Has("REQUIRETLS");

    /// <summary>8BITMIME (RFC 6152).</summary>
    public bool EightBitMime => Has("8BITMIME");

    /// <summary>CHUNKING (RFC 3030).</summary>
    public bool Chunking => Has("CHUNKING");

    /// <summary>DSN (RFC 3461).</summary>
    public bool Dsn => Has("DSN");

    /// <summary>ENHANCEDSTATUSCODES (RFC 2034).</summary>
    public bool EnhancedStatusCodes => Has("ENHANCEDSTATUSCODES");

    /// <summary>SIZE limit in bytes (RFC 1870): null when not announced, 0 when announced without a limit.</summary>
    public long? Size
    {
        get
        {
            if (!Keywords.TryGetValue("SIZE", out var parameters))
            {
                return null;
            }

            return parameters.IsEmpty ? 0
                : long.TryParse(parameters[0], NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : 0;
        }
    }

    /// <summary>AUTH mechanisms (RFC 4954), upper case.</summary>
    public ImmutableArray<string> AuthMechanisms => Keywords.TryGetValue("AUTH", out var mechanisms) ? mechanisms : [];

    /// <summary>True when <paramref name="keyword"/> was announced (case-insensitive).</summary>
    public bool Has(string keyword) => Keywords.ContainsKey(keyword);

    /// <summary>
    /// Reads the capabilities from an EHLO reply; null when the reply is not 250 (EHLO refused,
    /// for example 502 from a HELO-only server, or 421).
    /// <code>
    /// ehlo-ok-rsp  = ( "250" SP Domain [ SP ehlo-greet ] CRLF )
    ///              / ( "250-" Domain [ SP ehlo-greet ] CRLF *( "250-" ehlo-line CRLF ) "250" SP ehlo-line CRLF )
    /// ehlo-line    = ehlo-keyword *( SP ehlo-param )
    /// ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
    /// </code>
    /// </summary>
    public static SmtpCapabilities? FromEhloReply(SmtpReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Code != 250 || reply.Lines.IsEmpty)
        {
            return null;
        }

        var domain = reply.Lines[0].Split(' ', 2)[0];
        var keywords = ImmutableDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.OrdinalIgnoreCase);
        var unparsed = ImmutableArray.CreateBuilder<string>();
        foreach (var line in reply.Lines.Skip(1))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || !IsKeyword(parts[0]))
            {
                unparsed.Add(line);
                continue;
            }

            keywords.TryAdd(parts[0].ToUpperInvariant(), [.. parts.Skip(1).Select(p => p.ToUpperInvariant())]);
        }

        return new SmtpCapabilities
        {
            Domain = domain,
            Keywords = keywords.ToImmutable(),
            UnparsedLines = unparsed.ToImmutable(),
        };
    }

    private static bool IsKeyword(string word) =>
        char.IsAsciiLetterOrDigit(word[0]) && word.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
