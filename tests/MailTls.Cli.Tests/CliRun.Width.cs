namespace MailTls.Tests;

/// <summary>The width these tests' expectations of terminal text (where long causes wrap) were written for.</summary>
internal sealed partial record CliRun
{
    private const int ConsoleWidth = 220;
}
