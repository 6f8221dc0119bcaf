namespace MailTls.Core.Smtp;

/// <summary>Classifies the greeting reply.</summary>
public static class SmtpGreeting
{
    /// <summary>The kind of greeting <paramref name="reply"/> is.</summary>
    public static SmtpGreetingKind Classify(SmtpReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return reply.Code switch
        {
            220 => SmtpGreetingKind.Ready,
            421 => SmtpGreetingKind.ServiceUnavailable,
            554 => SmtpGreetingKind.NoService,
            _ => SmtpGreetingKind.Unexpected,
        };
    }
}
