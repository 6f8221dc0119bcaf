using MailTls.Collectors.Processes;
using MailTls.Collectors.Postfix;
using MailTls.Core.OpenSsl;
using MailTls.Core.Postfix;
using Xunit;

namespace MailTls.IntegrationTests.Postfix;

/// <summary>
/// Checks mailtls's reading of Postfix configuration against the real postconf (Debian's postfix
/// package): defaults, $name expansion, and master.cf overrides.
/// </summary>
public sealed class PostconfOracleTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("mailtls-postconf-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Defaults_MachinePostfix_AgreeWithPostconfD()
    {
        // Given this machine's Postfix and OpenSSL releases
        var version = await MachinePostfixAsync();
        var openSsl = await MachineOpenSslAsync();

        // When mailtls's table for that release is compared with the whole of postconf -d
        var table = PostfixDefaults.For(version, openSsl);
        var postconf = MainCfFile.Parse(await PostconfAsync(["-d"]), "postconf -d");
        Assert.Empty(postconf.Problems);

        // Then every TLS parameter postconf knows is in the table, none is missing from postconf, and every value is the same
        var postconfTls = postconf.Effective.Keys.Where(PostfixParameterTable.IsTlsName).Order(StringComparer.Ordinal).ToList();
        Assert.True(postconfTls.Count > 150, $"postconf -d listed only {postconfTls.Count} TLS parameters");
        Assert.Equal(postconfTls, table.Keys.Where(PostfixParameterTable.IsTlsName).Order(StringComparer.Ordinal));
        foreach (var (name, value) in table)
        {
            Assert.True(postconf.Effective.ContainsKey(name), $"postconf -d does not know {name}");
            Assert.Equal(postconf.Effective[name].Value.Trim(), value.Trim());
        }
    }

    [Fact]
    public async Task Resolve_TrickyMainCf_ExpandsLikePostconfX()
    {
        // Given a main.cf using every expansion form, continuations and comments
        const string mainCf = """
            # comment
              # indented comment
            myhostname = mx.example.com
            mydomain=$myhostname two
            smtpd_banner = ${myhostname?{yes}:{no}} ${relayhost:empty} ${myhostname:notempty} $(myhostname)
            smtpd_tls_protocols = !SSLv2,
             !SSLv3
              # comment inside a continuation
               !TLSv1
            smtp_tls_protocols = ${{$myhostname} == {mx.example.com}?{eq}:{ne}}
            smtpd_tls_ciphers = $$myhostname # not a comment
            smtp_tls_loglevel = ${myhostname?set}
            smtpd_tls_loglevel = ${{10} < {9}?{lt}:{ge}} ${{abc} < {abd}?{lt}:{ge}}
            relay_domains = ${mydomain?{$myhostname}}
            smtpd_tls_mandatory_protocols = $smtpd_tls_protocols
            smtpd_tls_cert_file = $config_directory/cert.pem
            """;
        await WriteConfigAsync(mainCf, await File.ReadAllTextAsync("/etc/postfix/master.cf.proto"));
        var defaults = MainCfFile.Parse(await PostconfAsync(["-c", _dir.FullName, "-d"]), "postconf -d").Effective
            .ToDictionary(e => e.Key, e => e.Value.Value);

        // -c sets config_directory, as the collector does for the directory it reads.
        defaults["config_directory"] = _dir.FullName;
        var config = new PostfixConfiguration(MainCfFile.Parse(mainCf, "main.cf"), null, defaults);
        string[] names =
        [
            "myhostname", "mydomain", "smtpd_banner", "smtpd_tls_protocols", "smtp_tls_protocols", "smtpd_tls_ciphers",
            "smtp_tls_loglevel", "smtpd_tls_loglevel", "relay_domains", "smtpd_tls_mandatory_protocols", "smtpd_tls_key_file",
        ];

        // When each is expanded by mailtls and by postconf -x
        var expected = MainCfFile.Parse(await PostconfAsync(["-c", _dir.FullName, "-x", .. names]), "postconf -x").Effective;

        // Then they agree; postconf prints values folded at whitespace, so runs of spaces are compared as one
        foreach (var name in names)
        {
            Assert.Equal(Fold(expected[name].Value), Fold(config.Resolve(name).Value));
        }

        Assert.Equal(_dir.FullName + "/cert.pem", config.Resolve("smtpd_tls_key_file").Value);
    }

    [Fact]
    public async Task MasterCf_Overrides_AgreeWithPostconfP()
    {
        // Given a master.cf with -o overrides in both syntaxes over continuation lines
        const string masterCf = """
            smtp      inet  n       -       y       -       -       smtpd
            submission inet n       -       y       -       -       smtpd
              -o syslog_name=postfix/submission
              -o smtpd_tls_security_level=encrypt
              -o { smtpd_client_restrictions = permit_sasl_authenticated, reject }
            smtps     inet  n       -       y       -       -       smtpd
              -o smtpd_tls_wrappermode=yes
            """;
        await WriteConfigAsync("smtpd_tls_security_level = may\n", masterCf);

        // When mailtls reads it and postconf -P lists the overrides
        var ours = MasterCfFile.Parse(masterCf, "master.cf").Services
            .SelectMany(s => s.Overrides.Select(o => $"{s.Key}/{o.Name} = {o.Value}"))
            .Order(StringComparer.Ordinal);
        var postconf = (await PostconfAsync(["-c", _dir.FullName, "-P"]))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Order(StringComparer.Ordinal);

        // Then both list the same overrides with the same values
        Assert.Equal(postconf, ours);
    }

    [Fact]
    public async Task Collect_DirectoryOnThisMachine_UsesPostconfForVersionAndDefaults()
    {
        // Given a configuration directory and no versions on the command line
        await WriteConfigAsync("smtpd_tls_security_level = may\n", "smtp inet n - y - - smtpd\n");

        // When the collector reads it
        var (evidence, failures) = await PostfixConfigCollector.CollectAsync(new PostfixConfigRequest(_dir.FullName, null, null, null, Deadline));

        // Then the machine's postconf supplied version and defaults, and said so
        Assert.Empty(failures);
        Assert.NotNull(evidence);
        Assert.Equal(await MachinePostfixAsync(), evidence.Version);
        Assert.StartsWith("postconf -d", evidence.DefaultsOrigin, StringComparison.Ordinal);
        Assert.Equal(">=TLSv1", evidence.Configuration.Resolve("smtpd_tls_protocols").Value);
        Assert.Equal("may", evidence.Configuration.Resolve("smtpd_tls_security_level", evidence.Configuration.Master!.Services[0]).Value);
    }

    private static string Fold(string value) => string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private async Task WriteConfigAsync(string mainCf, string masterCf)
    {
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "main.cf"), mainCf);
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "master.cf"), masterCf);
    }

    private static async Task<string> PostconfAsync(IReadOnlyList<string> arguments)
    {
        var (result, failure) = await ExternalCommand.RunAsync("postconf", arguments, Deadline);
        Assert.True(failure is null, $"postconf could not run (is Debian's postfix installed?): {failure?.Message}");
        Assert.True(result!.ExitCode == 0, $"postconf {string.Join(' ', arguments)} failed: {result.Stderr}");
        return result.Stdout;
    }

    private static async Task<PostfixVersion> MachinePostfixAsync()
    {
        Assert.True(PostfixVersion.TryParse((await PostconfAsync(["-d", "-h", "mail_version"])).Trim(), out var version));
        return version;
    }

    private static async Task<Version> MachineOpenSslAsync()
    {
        var (result, failure) = await ExternalCommand.RunAsync("openssl", ["version"], Deadline);
        Assert.True(failure is null, $"openssl could not run: {failure?.Message}");
        Assert.True(OpenSslVersionText.TryParse(result!.Stdout, out var version), $"unreadable: {result.Stdout}");
        return version;
    }
}
