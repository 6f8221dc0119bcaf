namespace MailTls.Collectors.Discovery;

/// <summary>The mail transfer agents mailtls can recognise on a machine.</summary>
public enum MailSystem
{
    /// <summary>None recognised.</summary>
    Unknown,

    /// <summary>Postfix: configuration, logs, probe and DNS are all examined.</summary>
    Postfix,

    /// <summary>Sendmail: logs, probe and DNS are examined; its configuration is not analysed.</summary>
    Sendmail,

    /// <summary>Exim: logs, probe and DNS are examined; its configuration is not analysed.</summary>
    Exim,
}
