using BenchmarkDotNet.Attributes;
using MailTls.Core.OpenSsl;
using MailTls.Core.Postfix;
using MailTls.Diagnosis;

namespace MailTls.Benchmarks;

/// <summary>
/// mailtls config after start-up: parse main.cf and master.cf, evaluate every smtpd service, and run
/// every check, sender simulations included (target: under 50 ms), plus cipher-string throughput.
/// </summary>
[MemoryDiagnoser]
public class ConfigBenchmarks
{
    private string _mainCf = string.Empty;
    private string _masterCf = string.Empty;
    private PostfixVersion _version;
    private OpenSslBuild _build = OpenSslBuild.OpenSsl30;

    [GlobalSetup]
    public void Setup()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "Data");
        _mainCf = File.ReadAllText(Path.Combine(data, "main.cf"));
        _masterCf = File.ReadAllText(Path.Combine(data, "master.cf"));
        _version = new PostfixVersion(3, 7, 11);
        _build = OpenSslBuild.Debian12 with { SecurityLevel = 0 };
    }

    /// <summary>Everything mailtls config computes once the files are in memory.</summary>
    [Benchmark]
    public int ConfigWithAllChecks()
    {
        var config = new PostfixConfiguration(
            MainCfFile.Parse(_mainCf, "main.cf"),
            MasterCfFile.Parse(_masterCf, "master.cf"),
            PostfixDefaults.For(_version, new Version(3, 0, 15)));
        var evidence = new EvidenceSet
        {
            Postfix = new PostfixEvidence
            {
                ConfigDirectory = "/etc/postfix",
                ConfigDirectoryOrigin = "benchmark",
                Configuration = config,
                Version = _version,
                VersionOrigin = "benchmark",
                OpenSsl = new Version(3, 0, 15),
                OpenSslBuild = _build,
                OpenSslOrigin = "benchmark",
                DefaultsOrigin = "benchmark",
            },
            CollectedAt = DateTimeOffset.UnixEpoch,
        };
        return Diagnoser.Diagnose(evidence).Count + Diagnosis.Checks.Config.ConfigFacts.Tables(evidence).Count;
    }

    /// <summary>One evaluation of Postfix's default medium list with scenario 1's exclusions.</summary>
    [Benchmark]
    public int CipherString() =>
        OpenSslCipherString.Evaluate("aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH:!aNULL:!DES:!3DES:!MD5:!DES+MD5:!RC4:!RC4-MD5", _build).Suites.Length;
}
