using System.Text.Json;
using MailTls.Core.Logs;
using Xunit;

namespace MailTls.Core.Tests.Logs;

public class TlsCauseCodesTests
{
    [Fact]
    public void ToCode_EveryCause_MatchesItsJsonName()
    {
        foreach (var cause in Enum.GetValues<TlsCause>())
        {
            // Given a cause, When written as JSON and as a code
            var json = JsonSerializer.Serialize(cause);

            // Then both say the same causes.md code
            Assert.Equal($"\"{cause.ToCode()}\"", json);
        }
    }
}
