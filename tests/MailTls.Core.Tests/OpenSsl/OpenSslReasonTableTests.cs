using MailTls.Tests;
using System.Globalization;
using MailTls.Core.Logs;
using MailTls.Core.OpenSsl;
using MailTls.Core;
using Xunit;

namespace MailTls.Core.Tests.OpenSsl;

public class OpenSslReasonTableTests
{
    [Theory]
    [InlineData("19878:error:140760FC:SSL routines:SSL23_GET_CLIENT_HELLO:unknown protocol:s23_srvr.c:647:", 0xFC, "unknown protocol")]
    [InlineData("7659:error:1408A0C1:SSL routines:SSL3_GET_CLIENT_HELLO:no shared cipher:s3_srvr.c:1387:", 0xC1, "no shared cipher")]
    [InlineData("error:1417A0C1:SSL routines:tls_post_process_client_hello:no shared cipher:../ssl/statem/statem_srvr.c:2313:", 0xC1, "no shared cipher")]
    [InlineData("error:14094412:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate:s3_pkt.c:1262:SSL alert number 42", 0x412, "sslv3 alert bad certificate")]
    [InlineData("error:0A000102:SSL routines::unsupported protocol", 0x102, "unsupported protocol")]
    [InlineData("error:1425F18C:SSL routines:ssl_choose_client_version:version too low:../ssl/statem/statem_lib.c:1941:", 0x18C, "version too low")]
    public void Decode_ErrorOfEachEra_YieldsSslLibraryAndReasonNumber(string text, int reason, string reasonText)
    {
        // Given an error string as Postfix logs it with OpenSSL 1.0, 1.1 or 3
        // When it is found and decoded
        var status = OpenSslErrorParser.TryFind(text, out var error);
        var (library, number) = error.Decode();

        // Then the packed code gives the SSL library and the same reason number the text names
        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(OpenSslLibrary.Ssl, library);
        Assert.Equal(reason, number);
        Assert.Equal(reasonText, error.Reason.ToString());
        Assert.Equal(reason, OpenSslReasonTable.Find(error)!.Number);
    }

    [Theory]
    [InlineData("")]
    [InlineData("error:")]
    [InlineData("error:XYZ")]
    [InlineData("error:0A00010")]
    [InlineData("no error here at all")]
    public void TryFind_NoErrorString_ReturnsInvalid(string text)
    {
        // Given text without a well-formed error string
        // When searched, Then nothing is found
        Assert.Equal(ParseStatus.Invalid, OpenSslErrorParser.TryFind(text, out _));
    }

    [Fact]
    public void Table_ReasonTexts_AreUnique()
    {
        // Given the table, When texts are compared, Then none repeats (lookups must be unambiguous)
        var duplicates = OpenSslReasonTable.All.GroupBy(r => r.Text, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Table_SslEntries_MatchOpenSsl3Errstr()
    {
        // Given every SSL-library entry with a number, packed as OpenSSL 3 does (ERR_LIB_SSL << 23 | reason)
        var entries = OpenSslReasonTable.All.Where(r => r.Library == OpenSslLibrary.Ssl).ToList();
        var codes = entries.Select(r => ((20u << 23) | (uint)r.Number).ToString("X8", CultureInfo.InvariantCulture)).ToList();

        // When the local OpenSSL (the oracle) names each code
        var output = RunErrstr(codes);

        // Then it gives exactly the text in the table
        for (var i = 0; i < entries.Count; i++)
        {
            Assert.Equal($"error:{codes[i]}:SSL routines::{entries[i].Text}", output[i]);
        }
    }

    [Fact]
    public void Table_OtherLibraryEntriesWithNumbers_MatchOpenSsl3Errstr()
    {
        // Given the X509 and PEM entries (key/cert mismatch, unreadable PEM)
        var entries = OpenSslReasonTable.All.Where(r => r.Library is OpenSslLibrary.X509 or OpenSslLibrary.Pem).ToList();
        var codes = entries.Select(r => (((uint)r.Library << 23) | (uint)r.Number).ToString("X8", CultureInfo.InvariantCulture)).ToList();

        // When the oracle names them, Then their reason texts match
        var output = RunErrstr(codes);
        for (var i = 0; i < entries.Count; i++)
        {
            Assert.EndsWith($"::{entries[i].Text}", output[i], StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("unknown protocol", TlsCause.ProtocolVersionMismatch)]
    [InlineData("UNSUPPORTED PROTOCOL", TlsCause.ProtocolVersionMismatch)]
    [InlineData("wrong version number", TlsCause.TlsModeMismatch)]
    [InlineData("sslv3 alert bad certificate", TlsCause.PeerRejectedOurCertificate)]
    [InlineData("no cipher match", TlsCause.LocalTlsConfigError)]
    [InlineData("sslv3 alert handshake failure", TlsCause.Unknown)]
    public void FindByText_KnownReason_GivesItsCause(string reason, TlsCause expected)
    {
        // Given a reason text, When looked up, Then its cause is the documented one
        Assert.Equal(expected, OpenSslReasonTable.FindByText(reason)!.Cause);
    }

    [Fact]
    public void FindByText_UnlistedReason_ReturnsNull()
    {
        // Given a reason not in the table, When looked up, Then there is no guess
        Assert.Null(OpenSslReasonTable.FindByText("bad record mac"));
    }

    private static List<string> RunErrstr(List<string> codes)
    {
        var lines = Oracle.Run("openssl", ["errstr", .. codes]).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        Assert.Equal(codes.Count, lines.Count);
        return lines;
    }
}
