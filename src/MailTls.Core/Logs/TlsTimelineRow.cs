namespace MailTls.Core.Logs;

/// <summary>One hour of the timeline.</summary>
/// <param name="Hour">The start of the hour, as written in the log (local time for BSD syslog).</param>
/// <param name="Successes">Successful TLS sessions in that hour.</param>
/// <param name="Failures">Failed TLS attempts in that hour.</param>
public sealed record TlsTimelineRow(DateTime Hour, int Successes, int Failures);
