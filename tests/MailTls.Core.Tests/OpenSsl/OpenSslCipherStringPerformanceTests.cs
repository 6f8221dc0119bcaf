using System.Diagnostics;
using MailTls.Core.OpenSsl;
using Xunit;

namespace MailTls.Core.Tests.OpenSsl;

public sealed class OpenSslCipherStringPerformanceTests
{
    [Fact]
    public void Evaluate_RealisticStrings_TakeWellUnderAMillisecondEach()
    {
        // Given the strings a configuration check evaluates (grades, exclusions, scenario 2), warmed up once
        string[] strings =
        [
            "aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH:!aNULL:!MD5:!DES:!3DES",
            "ALL:+RC4:@STRENGTH:!aNULL:!LOW:!EXP:!MEDIUM:!ADH:!AECDH:!MD5:!DSS:!ECDSA:!CAMELLIA128:!3DES:!CAMELLIA256:!RSA+AES:!eNULL",
            "DEFAULT:!kRSA",
        ];
        OpenSslBuild[] builds = [OpenSslBuild.OpenSsl101, OpenSslBuild.OpenSsl111, OpenSslBuild.Debian12];
        foreach (OpenSslBuild b in builds)
        {
            OpenSslCipherString.Evaluate(strings[0], b);
        }

        // When each is evaluated 200 times for every era
        const int rounds = 200;
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < rounds; i++)
        {
            foreach (OpenSslBuild b in builds)
            {
                foreach (string s in strings)
                {
                    OpenSslCipherString.Evaluate(s, b);
                }
            }
        }

        watch.Stop();

        // Then the average stays far below the 50 ms budget of a whole sender simulation (generous bound for CI noise)
        double perEvaluationMs = watch.Elapsed.TotalMilliseconds / (rounds * builds.Length * strings.Length);
        Assert.True(perEvaluationMs < 2.0, $"{perEvaluationMs:F3} ms per evaluation");
    }
}
