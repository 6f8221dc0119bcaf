using System.Reflection;
using MailTls.Core.Logs;
using Xunit;

namespace MailTls.Core.Tests.Logs;

/// <summary>
/// The correlator reuses closed sessions: a restarted session must hold nothing of the attempt
/// before it, including any property added later, or one connection's clues would leak into the
/// next connection's verdict.
/// </summary>
public class TlsSessionRestartTests
{
    [Fact]
    public void Restart_AfterEveryPropertyWasSet_EqualsANewSession()
    {
        // Given a session with every settable property holding something
        var used = new TlsSession("old.log", 3, null, MailTransferAgent.Postfix, "postfix/smtp", TlsDirection.Outbound);
        var settable = typeof(TlsSession).GetProperties().Where(p => p.SetMethod is { IsPublic: true }).ToList();
        foreach (var property in settable)
        {
            property.SetValue(used, Something(property));
        }

        // When it is restarted for another attempt
        var timestamp = new LogTimestamp(new DateTime(2026, 11, 23, 1, 2, 3), null);
        used.Restart("mail.log", 42, timestamp, MailTransferAgent.Postfix, "postfix/smtpd", TlsDirection.Inbound);

        // Then every property equals that of a session created for that attempt
        var fresh = new TlsSession("mail.log", 42, timestamp, MailTransferAgent.Postfix, "postfix/smtpd", TlsDirection.Inbound);
        Assert.True(settable.Count > 15);
        foreach (var property in typeof(TlsSession).GetProperties())
        {
            Assert.True(Equals(property.GetValue(fresh), property.GetValue(used)), $"{property.Name} survived Restart");
        }
    }

    private static object Something(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type == typeof(string) ? "left over"
            : type == typeof(bool) ? true
            : type == typeof(int) ? 7
            : type == typeof(TlsClue) ? new TlsClue(TlsCause.Unknown, "left over", 7, "left over")
            : type.IsEnum ? Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1)!
            : throw new InvalidOperationException($"{property.Name}: no test value for {type}");
    }
}
