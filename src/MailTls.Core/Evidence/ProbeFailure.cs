namespace MailTls.Core.Evidence;

/// <summary>
/// Why a collector step failed, in words a postmaster can act on.
/// </summary>
/// <param name="Source">What was being read or contacted (a path, <c>host:port</c>, a DNS name).</param>
/// <param name="Reason">The class of failure, for rules and exit codes.</param>
/// <param name="Message">What happened, as the operating system or peer put it.</param>
/// <param name="Transcript">What was exchanged before the failure, when there was an exchange.</param>
public sealed record ProbeFailure(string Source, FailureReason Reason, string Message, string? Transcript = null);
