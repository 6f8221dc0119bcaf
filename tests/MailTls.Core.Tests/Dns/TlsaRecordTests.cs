using Xunit;
using MailTls.Core.Dns;

namespace MailTls.Core.Tests.Dns;

public class TlsaRecordTests
{
    private const string Digest = "0623dc5d5285d01655fddd7bbda5d362bba01e39f8299a8c9c28f86996321ba5";

    [Theory]
    [InlineData("3 1 1 " + Digest)]
    [InlineData("  3   1 1 0623DC5D5285D01655FDDD7BBDA5D362 BBA01E39F8299A8C9C28F86996321BA5 ")]
    [InlineData("3 1 1 ( 0623dc5d5285d01655fddd7bbda5d362\n bba01e39f8299a8c9c28f86996321ba5 )")]
    [InlineData("( 3 1 1 " + Digest + " )")]
    [InlineData("DANE-EE SPKI SHA2-256 " + Digest)]
    [InlineData("dane-ee spki sha2-256 " + Digest)]
    public void TryParse_ValidPresentation_ReadsFields(string text)
    {
        // Given TLSA RDATA as zone files and RFC 7218 write it
        // When it is parsed
        var ok = TlsaRecord.TryParse(text, out var record, out var error);

        // Then the fields and the data are the ones written
        Assert.True(ok, error);
        Assert.NotNull(record);
        Assert.Equal(TlsaCertificateUsage.DaneEe, record.Usage);
        Assert.Equal(TlsaSelector.Spki, record.Selector);
        Assert.Equal(TlsaMatchingType.Sha256, record.MatchingType);
        Assert.Equal(Digest, record.AssociationDataHex);
        Assert.Equal("3 1 1 " + Digest, record.ToPresentation());
    }

    [Theory]
    [InlineData("", "fewer than four fields")]
    [InlineData("3 1 1", "association data is missing")]
    [InlineData("3 1", "fewer than four fields")]
    [InlineData("3 1 1 abc", "odd number")]
    [InlineData("3 1 1 zz", "not a hexadecimal digit")]
    [InlineData("256 1 1 00", "not a TLSA certificate usage")]
    [InlineData("-1 1 1 00", "not a TLSA certificate usage")]
    [InlineData("3 SPKY 1 00", "not a TLSA selector")]
    [InlineData("3 1 SHA1 00", "not a TLSA matching type")]
    public void TryParse_InvalidPresentation_ReturnsFalseWithReason(string text, string reason)
    {
        // Given malformed TLSA RDATA
        // When it is parsed
        var ok = TlsaRecord.TryParse(text, out var record, out var error);

        // Then it is refused with a reason and nothing is returned
        Assert.False(ok);
        Assert.Null(record);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_UnknownNumericValues_KeepsThem()
    {
        // Given field values no RFC defines
        // When they are parsed
        Assert.True(TlsaRecord.TryParse("7 9 200 00", out var record, out _));

        // Then they survive as numbers and make the record unusable
        Assert.Equal((TlsaCertificateUsage)7, record!.Usage);
        Assert.Equal((TlsaSelector)9, record.Selector);
        Assert.Equal((TlsaMatchingType)200, record.MatchingType);
        Assert.Equal("7 9 200", record.Mnemonic);
        Assert.Equal(TlsaUsability.UnknownUsage, record.Usability);
    }

    [Fact]
    public void TryReadWire_RoundTrip_ReturnsSameRecord()
    {
        // Given a record
        Assert.True(TlsaRecord.TryParse("2 0 2 " + Digest + Digest, out var record, out _));

        // When it is written in wire form and read back
        var wire = record!.ToWire();
        var ok = TlsaRecord.TryReadWire(wire, out var read, out var error);

        // Then the record is unchanged and the wire form is usage, selector, type, data
        Assert.True(ok, error);
        Assert.Equal(record, read);
        Assert.Equal(record.GetHashCode(), read!.GetHashCode());
        Assert.Equal(new byte[] { 2, 0, 2 }, wire[..3]);
        Assert.Equal(67, wire.Length);
    }

    [Fact]
    public void TryReadWire_TruncatedAnywhere_InvalidBelowThreeOctets()
    {
        // Given every prefix of a valid RDATA
        var wire = new byte[] { 3, 1, 1, 0xAA, 0xBB };
        for (var length = 0; length <= wire.Length; length++)
        {
            // When the prefix is read
            var ok = TlsaRecord.TryReadWire(wire.AsSpan(0, length), out var record, out var error);

            // Then fewer than three octets are invalid; from three on, the data is what follows
            Assert.Equal(length >= 3, ok);
            if (ok)
            {
                Assert.Equal(length - 3, record!.AssociationData.Length);
            }
            else
            {
                Assert.Contains("at least 3", error, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("3 1 1 " + Digest, TlsaUsability.Usable)]
    [InlineData("2 0 1 " + Digest, TlsaUsability.Usable)]
    [InlineData("3 1 0 00", TlsaUsability.Usable)]
    [InlineData("0 0 1 " + Digest, TlsaUsability.PkixUsage)]
    [InlineData("1 1 1 " + Digest, TlsaUsability.PkixUsage)]
    [InlineData("4 1 1 " + Digest, TlsaUsability.UnknownUsage)]
    [InlineData("3 2 1 " + Digest, TlsaUsability.UnknownSelector)]
    [InlineData("3 1 3 " + Digest, TlsaUsability.UnknownMatchingType)]
    [InlineData("3 1 1 0623", TlsaUsability.WrongDataLength)]
    [InlineData("3 1 2 " + Digest, TlsaUsability.WrongDataLength)]
    public void Usability_ByFields_FollowsRfc7672(string text, TlsaUsability expected)
    {
        // Given a record
        Assert.True(TlsaRecord.TryParse(text, out var record, out _));

        // When its usability for SMTP is asked
        // Then only DANE-TA/DANE-EE with known parameters and right lengths count (RFC 7672 section 3.1.3)
        Assert.Equal(expected, record!.Usability);
        Assert.Equal(expected == TlsaUsability.Usable, record.IsUsableForSmtp);
    }

    [Theory]
    [InlineData("mx.example.com", 25, "_25._tcp.mx.example.com.")]
    [InlineData("mx.example.com.", 465, "_465._tcp.mx.example.com.")]
    public void OwnerName_HostAndPort_IsServiceName(string host, int port, string expected)
    {
        // Given a host and port
        // When the TLSA owner name is built
        // Then it follows RFC 6698 section 3 and is fully qualified
        Assert.Equal(expected, TlsaRecord.OwnerName(host, port));
    }

    [Fact]
    public void ToZoneLine_WithAndWithoutTtl_IsZoneFileSyntax()
    {
        // Given a record
        Assert.True(TlsaRecord.TryParse("3 1 1 " + Digest, out var record, out _));

        // When it is rendered for a zone file
        var owner = TlsaRecord.OwnerName("mx.example.com", 25);

        // Then the line can be pasted into a zone
        Assert.Equal("_25._tcp.mx.example.com. IN TLSA 3 1 1 " + Digest, record!.ToZoneLine(owner));
        Assert.Equal("_25._tcp.mx.example.com. 3600 IN TLSA 3 1 1 " + Digest, record.ToZoneLine(owner, 3600));
        Assert.Equal("DANE-EE(3) SPKI(1) SHA2-256(1)", record.Mnemonic);
    }
}
