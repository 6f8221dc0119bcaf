namespace MailTls.Core.OpenSsl;

/// <summary>
/// A view over one OpenSSL error string as Postfix, Exim and Dovecot log it. The layout is
/// <c>[pid:]error:CODE:LIBRARY:FUNCTION:REASON[:FILE:LINE:[DATA]]</c>; OpenSSL 3 leaves FUNCTION
/// empty and builds without error strings print <c>lib(N):func(N):reason(N)</c>.
/// </summary>
internal readonly ref struct OpenSslError
{
    /// <summary>Creates a view.</summary>
    public OpenSslError(uint code, ReadOnlySpan<char> library, ReadOnlySpan<char> function, ReadOnlySpan<char> reason)
    {
        Code = code;
        Library = library;
        Function = function;
        Reason = reason;
    }

    /// <summary>The packed error code.</summary>
    public uint Code { get; }

    /// <summary>The library text, e.g. <c>SSL routines</c>.</summary>
    public ReadOnlySpan<char> Library { get; }

    /// <summary>The function (empty in OpenSSL 3), e.g. <c>SSL23_GET_CLIENT_HELLO</c>.</summary>
    public ReadOnlySpan<char> Function { get; }

    /// <summary>The reason text, e.g. <c>unknown protocol</c>.</summary>
    public ReadOnlySpan<char> Reason { get; }

    /// <summary>
    /// The library and reason numbers packed in <see cref="Code"/>. OpenSSL before 3.0 packs
    /// <c>lib &lt;&lt; 24 | func &lt;&lt; 12 | reason</c> (<c>ERR_PACK</c>, 12-bit reason); 3.0 packs
    /// <c>lib &lt;&lt; 23 | reason</c> (23-bit reason, bit 31 for system errors). The two are told
    /// apart by the function field, which 3.0 no longer prints.
    /// </summary>
    public (OpenSslLibrary Library, int Reason) Decode()
    {
        const int LegacyLibShift = 24;
        const uint LegacyReasonMask = 0xFFF;
        const int Modern3LibShift = 23;
        const uint ModernLibMask = 0xFF;
        const uint ModernReasonMask = 0x7FFFFF;
        const uint SystemErrorFlag = 0x80000000;

        if (Function.IsEmpty)
        {
            if ((Code & SystemErrorFlag) != 0)
            {
                return (OpenSslLibrary.System, (int)(Code & ~SystemErrorFlag));
            }

            return ((OpenSslLibrary)((Code >> Modern3LibShift) & ModernLibMask), (int)(Code & ModernReasonMask));
        }

        return ((OpenSslLibrary)(Code >> LegacyLibShift), (int)(Code & LegacyReasonMask));
    }
}
