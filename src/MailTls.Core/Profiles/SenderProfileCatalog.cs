using System.Globalization;
using System.Reflection;
using System.Text.Json;
using MailTls.Core.OpenSsl;
using MailTls.Core.Postfix;
using MailTls.Core.Tls;

namespace MailTls.Core.Profiles;

/// <summary>
/// The client profiles shipped with mailtls (Profiles/Data, copied from
/// shared/reference/client-profiles with their provenance), read from embedded resources.
/// </summary>
public static class SenderProfileCatalog
{
    private const string ResourcePrefix = "MailTls.Core.Profiles.Data.";

    private static readonly Lazy<IReadOnlyList<SenderProfile>> Profiles = new(Load);

    /// <summary>Every profile, ordered by id.</summary>
    public static IReadOnlyList<SenderProfile> All => Profiles.Value;

    /// <summary>Profiles of senders: real MTAs and library defaults standing in for MTAs.</summary>
    public static IEnumerable<SenderProfile> Senders => All.Where(p => p.Role != SenderRole.Tool);

    private static List<SenderProfile> Load()
    {
        var assembly = typeof(SenderProfileCatalog).Assembly;
        var profiles = new List<SenderProfile>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"resource {name} vanished");
            using var json = JsonDocument.Parse(stream);
            profiles.Add(Read(json.RootElement));
        }

        return profiles;
    }

    private static SenderProfile Read(JsonElement root)
    {
        var id = root.GetProperty("id").GetString() ?? throw new InvalidDataException("profile without id");
        var versions = Versions(root);
        var cipherString = root.TryGetProperty("cipher_string", out var stated) ? stated.GetString() : null;
        var build = string.IsNullOrEmpty(cipherString) ? null : BuildOf(root, id);
        return new SenderProfile
        {
            Id = id,
            Name = root.GetProperty("name").GetString() ?? id,
            Role = RoleOf(id),
            SourceType = root.GetProperty("source") is { ValueKind: JsonValueKind.Object } source && source.TryGetProperty("type", out var type)
                ? type.GetString() ?? "unknown"
                : "unknown",
            Confidence = root.TryGetProperty("confidence", out var c) ? c.GetString() ?? "unknown" : "unknown",
            Era = root.TryGetProperty("era", out var era) && int.TryParse(era.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null,
            OfferedVersions = versions,
            CipherSuites = build is not null
                ? SuitesOf(cipherString!, build, versions.Contains(PostfixProtocol.Tls13))
                : Codes(root, "cipher_suites"),
            SuitesDerivation = build is not null
                ? $"\"{cipherString}\" on OpenSSL {root.GetProperty("openssl").GetString()} at security level {build.SecurityLevel}"
                : null,
            Groups = [.. Codes(root, "groups").Select(c => (TlsNamedGroup)c)],
            SignatureAlgorithms = [.. Codes(root, "signature_algorithms").Select(c => (TlsSignatureScheme)c)],
            SniPolicy = root.TryGetProperty("sni", out var sni) && sni.ValueKind == JsonValueKind.Object
                && sni.TryGetProperty("policy", out var policy) && policy.GetString() is { Length: > 0 } statement
                && !statement.StartsWith("unknown", StringComparison.OrdinalIgnoreCase)
                ? statement
                : null,
            DerivedFrom = DerivedFromOf(root),
            RawHello = root.TryGetProperty("raw_hex", out var raw) && raw.ValueKind == JsonValueKind.String && raw.GetString() is { Length: > 0 } hex
                ? [.. Convert.FromHexString(hex)]
                : [],
        };
    }

    /// <summary>
    /// Versions offered: supported_versions when present (TLS 1.3 clients), else everything from
    /// TLS 1.0 up to legacy_version, which is how a TLS 1.2-or-older client states its range.
    /// </summary>
    private static List<PostfixProtocol> Versions(JsonElement root)
    {
        var versions = new SortedSet<PostfixProtocol>();
        if (root.TryGetProperty("supported_versions", out var supported) && supported.ValueKind == JsonValueKind.Array)
        {
            foreach (var v in supported.EnumerateArray())
            {
                if (FromName(v.GetString()) is { } p)
                {
                    versions.Add(p);
                }
            }
        }
        else if (root.TryGetProperty("legacy_version", out var legacy) && FromName(legacy.GetString()) is { } max)
        {
            for (var p = PostfixProtocol.Tls10; p <= max; p++)
            {
                versions.Add(p);
            }
        }

        return [.. versions];
    }

    private static PostfixProtocol? FromName(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        // "TLSv1.2 (0x0303)" or "TLSv1.3"; TLSv1.0 is written TLSv1 by Postfix.
        var name = text.Split(' ')[0];
        name = name == "TLSv1.0" ? "TLSv1" : name;
        return PostfixProtocolNames.TryParse(name, out var p) ? p : null;
    }

    /// <summary>
    /// The suites a client built on <paramref name="build"/> offers for a cipher string (a profile
    /// derived from source defaults states the string, e.g. Postfix's medium grade, rather than the
    /// list): what <c>openssl ciphers -s</c> lists, TLS 1.3 suites first when TLS 1.3 is offered.
    /// </summary>
    internal static List<ushort> SuitesOf(string cipherString, OpenSslBuild build, bool tls13)
    {
        var result = OpenSslCipherString.Evaluate(cipherString, build);
        return [.. result.ToSupportedList().Where(s => tls13 || !result.Tls13Suites.Contains(s)).Select(s => s.Code)];
    }

    /// <summary>The OpenSSL a derived profile names ("openssl": "1.1.1f") at its security level ("openssl_security_level").</summary>
    private static OpenSslBuild BuildOf(JsonElement root, string id)
    {
        if (!root.TryGetProperty("openssl", out var version) || !OpenSslBuild.TryParseVersion(version.GetString(), out var build) || build is null)
        {
            throw new InvalidDataException($"profile {id} states a cipher string without a known OpenSSL version");
        }

        return root.TryGetProperty("openssl_security_level", out var level) && level.TryGetInt32(out var value)
            ? build with { SecurityLevel = value }
            : build;
    }

    /// <summary>The 16-bit codes of a list of <c>{ "hex": "0xC030", "name": ... }</c> entries, in order.</summary>
    private static List<ushort> Codes(JsonElement root, string property)
    {
        var codes = new List<ushort>();
        if (root.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in list.EnumerateArray())
            {
                var hex = entry.GetProperty("hex").GetString() ?? string.Empty;
                if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                    && ushort.TryParse(hex.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    codes.Add(code);
                }
            }
        }

        return codes;
    }

    /// <summary>The profile a derived one was made from: the id in a citation of "client-profiles/ID.json".</summary>
    private static string? DerivedFromOf(JsonElement root)
    {
        const string Marker = "client-profiles/";
        if (!root.TryGetProperty("source", out var source) || source.ValueKind != JsonValueKind.Object
            || !source.TryGetProperty("citations", out var citations) || citations.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var citation in citations.EnumerateArray())
        {
            var text = citation.GetString() ?? string.Empty;
            var start = text.IndexOf(Marker, StringComparison.Ordinal);
            var end = start < 0 ? -1 : text.IndexOf(".json", start, StringComparison.Ordinal);
            if (end > start)
            {
                return text[(start + Marker.Length)..end];
            }
        }

        return null;
    }

    private static SenderRole RoleOf(string id) =>
        id.Contains("s_client", StringComparison.Ordinal) || id.StartsWith("gnutls-cli", StringComparison.Ordinal)
            || id.StartsWith("swaks", StringComparison.Ordinal) || id.StartsWith("posttls-finger", StringComparison.Ordinal)
            ? SenderRole.Tool
            : id.Contains("library-default", StringComparison.Ordinal) || id.StartsWith("schannel", StringComparison.Ordinal)
                ? SenderRole.LibraryProxy
                : SenderRole.Mta;
}
