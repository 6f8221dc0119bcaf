namespace MailTls.Diagnosis;

/// <summary>One input a report is based on.</summary>
/// <param name="Kind">What it is: <c>log</c>, <c>config</c>, <c>server</c>, <c>dns</c>.</param>
/// <param name="Source">The path, server or name.</param>
/// <param name="Origin">How mailtls came to use it: "command line", "postconf -h maillog_file", ...</param>
public sealed record ReportInput(string Kind, string Source, string Origin);
