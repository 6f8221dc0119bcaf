using System.CommandLine;
using System.Reflection;
using MailTls.Cli.Commands;

namespace MailTls.Cli;

/// <summary>
/// The command line: parses arguments, runs one subcommand and maps every outcome to an
/// <see cref="ExitCode"/>. It holds no diagnosis logic.
/// </summary>
public static class MailTlsApp
{
    /// <summary>The version printed by <c>--version</c> and written into reports.</summary>
    public static string Version { get; } =
        typeof(MailTlsApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(MailTlsApp).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>Runs mailtls with the given arguments.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="host">Where output goes.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var globals = new GlobalOptions();
        var root = BuildRootCommand(new CommandContext(globals, host));
        try
        {
            // No response files: '@STRENGTH' is a cipher-string word, not a file to read arguments from.
            var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            if (parsed.Errors.Count > 0)
            {
                // One line, the first error: a wall of errors hides the one to fix first.
                var message = parsed.Errors[0].Message.ReplaceLineEndings(" ");
                await host.Error.WriteLineAsync($"mailtls: {message} (see 'mailtls --help')");
                return (int)ExitCode.Usage;
            }

            var invocation = new InvocationConfiguration
            {
                Output = host.Out,
                Error = host.Error,
                EnableDefaultExceptionHandler = false,
            };
            return await parsed.InvokeAsync(invocation, cancellationToken);
        }
        catch (UserFacingException e)
        {
            await host.Error.WriteLineAsync($"mailtls: {e.Message}");
            return (int)e.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await host.Error.WriteLineAsync("mailtls: interrupted");
            return (int)ExitCode.Internal;
        }
#pragma warning disable CA1031 // The last line of defence: every other exception is a bug and must say so.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await host.Error.WriteLineAsync("mailtls: internal error: this is a bug in mailtls; please report it with the text below.");
            await host.Error.WriteLineAsync(e.ToString());
            return (int)ExitCode.Internal;
        }
    }

    private static RootCommand BuildRootCommand(CommandContext context)
    {
        var root = new RootCommand(
            "mailtls tells you why TLS between mail servers fails, and exactly what to change.");
        context.Globals.AddTo(root);

        // The built-in action prints the entry assembly's version, which is the test host's in tests.
        root.Options.OfType<VersionOption>().Single().Action = new PrintVersionAction();
        root.Subcommands.Add(DoctorCommand.Create(context));
        root.Subcommands.Add(ConfigCommand.Create(context));
        root.Subcommands.Add(CiphersCommand.Create(context));
        root.Subcommands.Add(PolicyCommand.Create(context));
        root.Subcommands.Add(ExplainCommand.Create(context));
        root.Subcommands.Add(DaneCommand.Create(context));
        root.Subcommands.Add(ProbeCommand.Create(context));
        root.Subcommands.Add(MtaStsCommand.Create(context));

        root.Subcommands.Add(LogsCommand.Create(context));

        // Bare 'mailtls' shows what it can do; it is still a usage error for scripts.
        root.SetAction(parsed =>
        {
            new System.CommandLine.Help.HelpAction().Invoke(parsed);
            return (int)ExitCode.Usage;
        });
        return root;
    }
}
