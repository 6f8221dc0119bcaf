namespace MailTls.Core.Evidence;

/// <summary>
/// A place in a file that evidence came from: a log line, a main.cf line, a certificate file.
/// Line and column are 1-based, as editors and <c>postconf</c> report them.
/// </summary>
/// <param name="Path">The file as the user named it or as it was discovered.</param>
/// <param name="Line">1-based line number, or 0 when the evidence is the whole file.</param>
/// <param name="Column">1-based column, when a parser knows it.</param>
public sealed record SourceLocation(string Path, int Line = 0, int? Column = null)
{
    /// <summary>The conventional <c>file:line[:column]</c> form that editors and terminals link.</summary>
    public override string ToString() => (Line, Column) switch
    {
        (0, _) => Path,
        (_, null) => $"{Path}:{Line}",
        _ => $"{Path}:{Line}:{Column}",
    };
}
