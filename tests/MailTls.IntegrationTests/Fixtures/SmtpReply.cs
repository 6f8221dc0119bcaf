namespace MailTls.IntegrationTests.Fixtures;

/// One SMTP reply: its code and the text of each line (RFC 5321 section 4.2).
internal sealed record SmtpReply(int Code, IReadOnlyList<string> Lines)
{
    public override string ToString() => string.Join(" | ", Lines.Select(line => $"{Code} {line}"));
}
