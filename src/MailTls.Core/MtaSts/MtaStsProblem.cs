namespace MailTls.Core.MtaSts;

/// <summary>
/// One way a record or policy departs from RFC 8460 or RFC 8461, with where it was seen. Parsers
/// report these instead of throwing, so every violation in peer data reaches the report.
/// </summary>
/// <param name="Line">1-based policy line, or the 1-based index of the TXT record; 0 for the whole input.</param>
/// <param name="Column">1-based character column within that line or record, when known.</param>
/// <param name="Message">What is wrong and what the RFC asks for, naming its section.</param>
public sealed record MtaStsProblem(int Line, int? Column, string Message)
{
    /// <summary>The problem as <c>line N: message</c> or <c>line N, column C: message</c>.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => (Line, Column) switch
    {
        (0, _) => Message,
        (_, null) => $"line {Line}: {Message}",
        _ => $"line {Line}, column {Column}: {Message}",
    };
}
