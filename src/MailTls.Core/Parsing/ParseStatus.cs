namespace MailTls.Core.Parsing;

/// <summary>
/// The outcome of a parser over peer or file data. Parsers never throw for bad input; they say
/// which of these happened and leave the value at its default unless <see cref="Done"/>.
/// </summary>
internal enum ParseStatus
{
    /// <summary>The input was understood and the value is set.</summary>
    Done,

    /// <summary>The input ends before the structure does; more data may complete it.</summary>
    NeedMoreData,

    /// <summary>The input is not the expected structure (or exceeds a limit).</summary>
    Invalid,
}
