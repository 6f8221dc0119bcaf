namespace MailTls.Tests;

/// <summary>Wide enough that the findings these tests look for in terminal text are not wrapped.</summary>
internal sealed partial record CliRun
{
    private const int ConsoleWidth = 400;
}
