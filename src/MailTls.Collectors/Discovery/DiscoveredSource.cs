namespace MailTls.Collectors.Discovery;

/// <summary>One input doctor found by itself, with how it found it, so the report can say so.</summary>
/// <param name="Value">The path, name or program.</param>
/// <param name="Origin">How it was found: "command line", "postconf -h maillog_file", "exists", ...</param>
public sealed record DiscoveredSource(string Value, string Origin);
