namespace MailTls.Cli;

/// <summary>What every subcommand is built with: the global options and the host to write to.</summary>
/// <param name="Globals">The global options, to read their values from a parse result.</param>
/// <param name="Host">Where output goes.</param>
internal sealed record CommandContext(GlobalOptions Globals, CliHost Host);
