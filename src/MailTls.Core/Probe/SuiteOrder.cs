namespace MailTls.Core.Probe;

/// <summary>Whose preference decides the suite.</summary>
public enum SuiteOrder
{
    /// <summary>Not determined (fewer than two suites accepted, or the test failed).</summary>
    Unknown,

    /// <summary>The server picks by its own order whatever the client lists first (Postfix's tls_preempt_cipherlist = yes).</summary>
    Server,

    /// <summary>The server takes the client's first acceptable suite.</summary>
    Client,
}
