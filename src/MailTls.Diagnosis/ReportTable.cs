namespace MailTls.Diagnosis;

/// <summary>
/// A table of facts a report shows beside its findings (what each service accepts, what each sender
/// would negotiate, protocol statistics). Cells are plain text; renderers lay them out.
/// </summary>
/// <param name="Title">What the table shows.</param>
/// <param name="Columns">Column headings.</param>
/// <param name="Rows">Rows, each with one cell per column.</param>
public sealed record ReportTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);
