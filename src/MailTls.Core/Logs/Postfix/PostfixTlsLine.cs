namespace MailTls.Core.Logs.Postfix;

/// <summary>What <see cref="PostfixLineClassifier"/> read from one message; spans point into the line.</summary>
internal ref struct PostfixTlsLine
{
    /// <summary>The kind of message.</summary>
    public PostfixLineKind Kind;

    /// <summary>True for <c>... to H[A]</c> (we are the client), false for <c>... from H[A]</c>; null when the line does not say.</summary>
    public bool? Outbound;

    /// <summary>The peer name, when the line names one.</summary>
    public ReadOnlySpan<char> Host;

    /// <summary>The peer address, when the line names one.</summary>
    public ReadOnlySpan<char> Ip;

    /// <summary>Negotiated protocol (established lines).</summary>
    public ReadOnlySpan<char> Protocol;

    /// <summary>Negotiated cipher (established lines).</summary>
    public ReadOnlySpan<char> Cipher;

    /// <summary>Trust label (established lines).</summary>
    public TlsTrust? Trust;

    /// <summary>The reason text the line gives (OpenSSL error, verify error, deferral text, warning).</summary>
    public ReadOnlySpan<char> Reason;

    /// <summary>The cause this line establishes by itself, if any.</summary>
    public TlsCause? Cause;

    /// <summary>For <see cref="PostfixLineKind.PolicyOutcome"/>: the session failed our policy even if the handshake completed.</summary>
    public bool PolicyFailure;

    /// <summary>The queue id of a delivery status line.</summary>
    public ReadOnlySpan<char> QueueId;

    /// <summary>For <see cref="PostfixLineKind.Disconnect"/>: STARTTLS was issued (<c>starttls=</c> present).</summary>
    public bool StartTlsAttempted;

    /// <summary>For <see cref="PostfixLineKind.Disconnect"/>: <c>starttls=0/1</c>, STARTTLS issued but not completed.</summary>
    public bool StartTlsFailed;
}
