using MailTls.Cli;
using MailTls.IntegrationTests.Fixtures;
using Xunit;

namespace MailTls.IntegrationTests.Packaging;

/// <summary>
/// The README's install path: the tool package packed from the built project installs with
/// <c>dotnet tool install</c> from the local folder, and the installed <c>mailtls</c> runs doctor on
/// a bundled example.
/// </summary>
public sealed class ToolPackageTests
{
    [Fact(Timeout = 300_000)]
    public async Task DotnetToolInstall_LocalPackage_InstalledMailtlsRunsDoctor()
    {
        // Given the package packed from the Release build (test.sh builds the solution first)
        var root = RepositoryRoot.Path;
        using var work = TempDirectory.Create("tool");
        var dotnet = RequiredTool.Locate("dotnet", "dotnet-sdk-10.0");
        var pack = await ProcessRunner.RunAsync(dotnet, ["pack", Path.Combine(root, "src", "MailTls.Cli"), "-c", "Release", "--no-build", "--nologo", "-o", Path.Combine(work.Path, "nupkg")], TimeSpan.FromMinutes(3));
        Assert.True(pack.Succeeded, pack.Describe());
        Assert.Single(Directory.GetFiles(Path.Combine(work.Path, "nupkg"), "mailtls.*.nupkg"));

        // When it is installed as a tool from that folder
        var tools = Path.Combine(work.Path, "tools");
        var install = await ProcessRunner.RunAsync(dotnet, ["tool", "install", "--tool-path", tools, "--add-source", Path.Combine(work.Path, "nupkg"), "--ignore-failed-sources", "mailtls"], TimeSpan.FromMinutes(3));
        Assert.True(install.Succeeded, install.Describe());

        // Then 'mailtls' is there, reports this build's version, and finds scenario 1's cause
        var mailtls = Path.Combine(tools, "mailtls");
        var version = await ProcessRunner.RunAsync(mailtls, ["--version"], TimeSpan.FromMinutes(1));
        Assert.Equal(MailTlsApp.Version, version.StandardOutput.Trim());
        var example = Path.Combine(root, "examples", "scenario-1-gmail-tls12-only");
        var doctor = await ProcessRunner.RunAsync(mailtls, ["doctor", "--offline", "--config-dir", example, "--logs", Path.Combine(example, "mail.log"), "--no-color"], TimeSpan.FromMinutes(1));
        Assert.Equal(1, doctor.ExitCode);
        Assert.Contains("1. [critical] inbound-protocol-floor", doctor.StandardOutput, StringComparison.Ordinal);
    }
}
