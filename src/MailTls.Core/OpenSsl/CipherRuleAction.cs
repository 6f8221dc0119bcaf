namespace MailTls.Core.OpenSsl;

/// <summary>What a cipher-string item does, chosen by its prefix character (<c>ssl_cipher_process_rulestr</c>).</summary>
public enum CipherRuleAction
{
    /// <summary>No prefix: append matching suites that are not active yet; active suites keep their place.</summary>
    Add,
    /// <summary><c>-</c>: deactivate matching suites; a later item may add them again.</summary>
    Remove,
    /// <summary><c>+</c>: move matching active suites to the end; never adds.</summary>
    MoveToEnd,
    /// <summary><c>!</c>: remove matching suites for good; later items cannot add them back.</summary>
    Kill,
    /// <summary><c>@</c>: a command, <c>@STRENGTH</c> or <c>@SECLEVEL=n</c>.</summary>
    Command,
}
