namespace MailTls.Core.OpenSsl;

/// <summary>The list operations of <c>ssl_cipher_apply_rule</c>.</summary>
internal enum CipherListOperation
{
    /// <summary>Activate and append (<c>CIPHER_ADD</c>).</summary>
    Add,
    /// <summary>Move active suites to the end (<c>CIPHER_ORD</c>).</summary>
    MoveToEnd,
    /// <summary>Deactivate and move to the head (<c>CIPHER_DEL</c>).</summary>
    Remove,
    /// <summary>Move active suites to the head; built-in ordering only (<c>CIPHER_BUMP</c>, 1.1.0+).</summary>
    Bump,
    /// <summary>Unlink for good (<c>CIPHER_KILL</c>).</summary>
    Kill,
}
