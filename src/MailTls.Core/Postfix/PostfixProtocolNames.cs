using MailTls.Core.Tls;

namespace MailTls.Core.Postfix;

/// <summary>Postfix's spelling of each protocol, as written in main.cf and logged.</summary>
public static class PostfixProtocolNames
{
    /// <summary>The name as Postfix writes it: <c>TLSv1.2</c>.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <returns>The name.</returns>
    public static string Name(this PostfixProtocol protocol) => protocol switch
    {
        PostfixProtocol.SslV2 => "SSLv2",
        PostfixProtocol.SslV3 => "SSLv3",
        PostfixProtocol.Tls10 => "TLSv1",
        PostfixProtocol.Tls11 => "TLSv1.1",
        PostfixProtocol.Tls12 => "TLSv1.2",
        PostfixProtocol.Tls13 => "TLSv1.3",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "unknown protocol"),
    };

    /// <summary>The wire version of a protocol.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <returns>The TLS (or SSL) version.</returns>
    public static TlsProtocolVersion ToTlsVersion(this PostfixProtocol protocol) => protocol switch
    {
        PostfixProtocol.SslV2 => TlsProtocolVersion.Ssl2,
        PostfixProtocol.SslV3 => TlsProtocolVersion.Ssl3,
        PostfixProtocol.Tls10 => TlsProtocolVersion.Tls10,
        PostfixProtocol.Tls11 => TlsProtocolVersion.Tls11,
        PostfixProtocol.Tls12 => TlsProtocolVersion.Tls12,
        PostfixProtocol.Tls13 => TlsProtocolVersion.Tls13,
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "unknown protocol"),
    };

    /// <summary>Looks a name up case-insensitively, as Postfix's name_code() does.</summary>
    /// <param name="name">The name.</param>
    /// <param name="protocol">The protocol, when the name is one.</param>
    /// <returns>Whether the name is a protocol name.</returns>
    public static bool TryParse(string name, out PostfixProtocol protocol)
    {
        foreach (var candidate in Enum.GetValues<PostfixProtocol>())
        {
            if (string.Equals(candidate.Name(), name, StringComparison.OrdinalIgnoreCase))
            {
                protocol = candidate;
                return true;
            }
        }

        protocol = default;
        return false;
    }
}
