using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MailTls.Core.Dns;

/// <summary>
/// One TLSA resource record's data (RFC 6698 section 2.1):
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Cert. Usage  |   Selector    | Matching Type |               /
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+               /
/// /                                                               /
/// /                 Certificate Association Data                  /
/// /                                                               /
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Unknown field values are kept as numbers rather than rejected, so a report can show them.
/// </summary>
public sealed record TlsaRecord
{
    /// <summary>Offset of the certificate usage octet in the RDATA.</summary>
    private const int UsageOffset = 0;

    /// <summary>Offset of the selector octet in the RDATA.</summary>
    private const int SelectorOffset = 1;

    /// <summary>Offset of the matching type octet in the RDATA.</summary>
    private const int MatchingTypeOffset = 2;

    /// <summary>Offset of the certificate association data in the RDATA.</summary>
    private const int DataOffset = 3;

    private readonly byte[] data;

    /// <summary>Creates a record from its four fields.</summary>
    /// <param name="usage">The certificate usage, possibly a value no RFC defines.</param>
    /// <param name="selector">The selector, possibly unknown.</param>
    /// <param name="matchingType">The matching type, possibly unknown.</param>
    /// <param name="associationData">The certificate association data; copied.</param>
    public TlsaRecord(TlsaCertificateUsage usage, TlsaSelector selector, TlsaMatchingType matchingType, ReadOnlySpan<byte> associationData)
    {
        Usage = usage;
        Selector = selector;
        MatchingType = matchingType;
        data = associationData.ToArray();
    }

    /// <summary>Which certificate in the chain the record constrains, and how (RFC 6698 section 2.1.1).</summary>
    public TlsaCertificateUsage Usage { get; }

    /// <summary>Whether the data describes the whole certificate or only its public key.</summary>
    public TlsaSelector Selector { get; }

    /// <summary>Whether the data is the selected content itself or its digest.</summary>
    public TlsaMatchingType MatchingType { get; }

    /// <summary>The certificate association data.</summary>
    public ReadOnlyMemory<byte> AssociationData => data;

    /// <summary>The association data as lower-case hexadecimal, as zone files and Postfix logs show it.</summary>
    public string AssociationDataHex => Convert.ToHexStringLower(data);

    /// <summary>Whether an SMTP sender can use this record under RFC 7672, and if not, why.</summary>
    public TlsaUsability Usability => this switch
    {
        { Usage: TlsaCertificateUsage.PkixTa or TlsaCertificateUsage.PkixEe } => TlsaUsability.PkixUsage,
        { Usage: > TlsaCertificateUsage.DaneEe } => TlsaUsability.UnknownUsage,
        { Selector: > TlsaSelector.Spki } => TlsaUsability.UnknownSelector,
        { MatchingType: > TlsaMatchingType.Sha512 } => TlsaUsability.UnknownMatchingType,
        { MatchingType: TlsaMatchingType.Sha256 } when data.Length != SHA256.HashSizeInBytes => TlsaUsability.WrongDataLength,
        { MatchingType: TlsaMatchingType.Sha512 } when data.Length != SHA512.HashSizeInBytes => TlsaUsability.WrongDataLength,
        { MatchingType: TlsaMatchingType.Full } when data.Length == 0 => TlsaUsability.WrongDataLength,
        _ => TlsaUsability.Usable,
    };

    /// <summary>Whether an SMTP sender counts this record (RFC 7672 section 3.1.3: only DANE-TA(2) and DANE-EE(3)).</summary>
    public bool IsUsableForSmtp => Usability == TlsaUsability.Usable;

    /// <summary>The record in the RFC 7218 mnemonic form, e.g. <c>DANE-EE(3) SPKI(1) SHA2-256(1)</c>.</summary>
    public string Mnemonic =>
        string.Create(CultureInfo.InvariantCulture, $"{TlsaNames.Usage(Usage)} {TlsaNames.Selector(Selector)} {TlsaNames.MatchingType(MatchingType)}");

    /// <summary>The owner name of the TLSA RRset for a service (RFC 6698 section 3): <c>_25._tcp.mx.example.com.</c>.</summary>
    /// <param name="host">The server's host name, with or without the final dot.</param>
    /// <param name="port">The TCP port.</param>
    /// <returns>The fully qualified owner name, ending in a dot.</returns>
    public static string OwnerName(string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var fqdn = host.EndsWith('.') ? host : host + ".";
        return string.Create(CultureInfo.InvariantCulture, $"_{port}._tcp.{fqdn}");
    }

    /// <summary>
    /// Reads TLSA RDATA in wire form (RFC 6698 section 2.1). The RDATA length comes from the
    /// enclosing resource record, so the input is complete: fewer than three octets is invalid.
    /// </summary>
    /// <param name="rdata">Exactly the RDATA octets.</param>
    /// <param name="record">The record, when the data is valid.</param>
    /// <param name="error">Why the data is invalid, when it is.</param>
    /// <returns>Whether a record was read.</returns>
    public static bool TryReadWire(ReadOnlySpan<byte> rdata, out TlsaRecord? record, out string? error)
    {
        if (rdata.Length < DataOffset)
        {
            record = null;
            error = string.Create(CultureInfo.InvariantCulture, $"TLSA RDATA has {rdata.Length} octets; it needs at least 3 (usage, selector, matching type)");
            return false;
        }

        record = new TlsaRecord(
            (TlsaCertificateUsage)rdata[UsageOffset],
            (TlsaSelector)rdata[SelectorOffset],
            (TlsaMatchingType)rdata[MatchingTypeOffset],
            rdata[DataOffset..]);
        error = null;
        return true;
    }

    /// <summary>
    /// Reads TLSA RDATA in presentation form (RFC 6698 section 2.2): three fields, then the
    /// association data as hexadecimal in which white space and zone-file parentheses may appear.
    /// Each field may also be an RFC 7218 mnemonic (<c>DANE-EE</c>, <c>SPKI</c>, <c>SHA2-256</c>).
    /// </summary>
    /// <param name="text">For example <c>3 1 1 0123…</c>.</param>
    /// <param name="record">The record, when the text is valid.</param>
    /// <param name="error">Why the text is invalid, when it is.</param>
    /// <returns>Whether a record was read.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out TlsaRecord? record, out string? error)
    {
        record = null;
        Span<byte> fields = stackalloc byte[DataOffset];
        var rest = text;
        for (var i = 0; i < DataOffset; i++)
        {
            var token = NextToken(ref rest);
            if (token.IsEmpty)
            {
                error = $"TLSA data '{text}' has fewer than four fields; expected 'usage selector matching-type hex', e.g. '3 1 1 <hex>'";
                return false;
            }

            if (!TlsaNames.TryParseField(i, token, out fields[i]))
            {
                error = $"'{token}' is not a TLSA {TlsaNames.FieldName(i)}: use 0-255 or an RFC 7218 name";
                return false;
            }
        }

        var hex = new StringBuilder(rest.Length);
        foreach (var c in rest)
        {
            if (char.IsWhiteSpace(c) || c is '(' or ')')
            {
                continue;
            }

            if (!char.IsAsciiHexDigit(c))
            {
                error = $"'{c}' is not a hexadecimal digit in the TLSA association data";
                return false;
            }

            hex.Append(c);
        }

        if (hex.Length == 0)
        {
            error = "the TLSA association data is missing";
            return false;
        }

        if (hex.Length % 2 != 0)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"the TLSA association data has an odd number of hex digits ({hex.Length})");
            return false;
        }

        record = new TlsaRecord(
            (TlsaCertificateUsage)fields[UsageOffset],
            (TlsaSelector)fields[SelectorOffset],
            (TlsaMatchingType)fields[MatchingTypeOffset],
            Convert.FromHexString(hex.ToString()));
        error = null;
        return true;
    }

    /// <summary>Writes the RDATA in wire form (RFC 6698 section 2.1).</summary>
    /// <returns>The RDATA octets.</returns>
    public byte[] ToWire()
    {
        var wire = new byte[DataOffset + data.Length];
        wire[UsageOffset] = (byte)Usage;
        wire[SelectorOffset] = (byte)Selector;
        wire[MatchingTypeOffset] = (byte)MatchingType;
        data.CopyTo(wire.AsSpan(DataOffset));
        return wire;
    }

    /// <summary>The RDATA in presentation form: <c>3 1 1 0123…</c>.</summary>
    /// <returns>The numeric fields and the data in lower-case hexadecimal.</returns>
    public string ToPresentation() =>
        string.Create(CultureInfo.InvariantCulture, $"{(byte)Usage} {(byte)Selector} {(byte)MatchingType} {AssociationDataHex}");

    /// <summary>
    /// The record as one zone-file line, ready to publish:
    /// <c>_25._tcp.mx.example.com. IN TLSA 3 1 1 0123…</c>.
    /// </summary>
    /// <param name="ownerName">The owner name, usually from <see cref="OwnerName"/>.</param>
    /// <param name="ttl">A TTL to write, or null to leave the zone's default.</param>
    /// <returns>The zone-file line without a line ending.</returns>
    public string ToZoneLine(string ownerName, uint? ttl = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerName);
        return ttl is { } t
            ? string.Create(CultureInfo.InvariantCulture, $"{ownerName} {t} IN TLSA {ToPresentation()}")
            : $"{ownerName} IN TLSA {ToPresentation()}";
    }

    /// <summary>The presentation form.</summary>
    /// <returns>See <see cref="ToPresentation"/>.</returns>
    public override string ToString() => ToPresentation();

    /// <summary>Records are equal when all four fields are, comparing the data byte for byte.</summary>
    /// <param name="other">The other record.</param>
    /// <returns>Whether they are the same record data.</returns>
    public bool Equals(TlsaRecord? other) =>
        other is not null
        && Usage == other.Usage
        && Selector == other.Selector
        && MatchingType == other.MatchingType
        && data.AsSpan().SequenceEqual(other.data);

    /// <summary>A hash over all four fields.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Usage);
        hash.Add(Selector);
        hash.Add(MatchingType);
        hash.AddBytes(data);
        return hash.ToHashCode();
    }

    private static ReadOnlySpan<char> NextToken(ref ReadOnlySpan<char> rest)
    {
        rest = rest.TrimStart();
        while (!rest.IsEmpty && rest[0] == '(')
        {
            rest = rest[1..].TrimStart();
        }

        var end = 0;
        while (end < rest.Length && !char.IsWhiteSpace(rest[end]) && rest[end] is not '(' and not ')')
        {
            end++;
        }

        var token = rest[..end];
        rest = rest[end..];
        return token;
    }
}
