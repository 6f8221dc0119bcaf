using System.CommandLine;
using System.CommandLine.Invocation;

namespace MailTls.Cli;

/// <summary>Prints mailtls's own version for <c>--version</c>.</summary>
internal sealed class PrintVersionAction : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(MailTlsApp.Version);
        return (int)ExitCode.Clean;
    }
}
