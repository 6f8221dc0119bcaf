using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DnsClient;
using MailTls.Core.Dns;
using MailTls.IntegrationTests.Fixtures;
using Xunit;

namespace MailTls.IntegrationTests.Dns;

/// <summary>
/// A real DNS setup on loopback: Knot DNS as the authoritative server for three zones, and Unbound
/// as a validating resolver in front of it, each on a free port, in a temporary directory.
/// <list type="bullet">
/// <item><c>mailtls.test.</c>: signed by knotd itself (<c>dnssec-signing: on</c>, a CSK made by
/// keymgr before start); its DS is Unbound's trust anchor, so answers are Secure.</item>
/// <item><c>insecure.test.</c>: unsigned and listed as <c>domain-insecure</c>: Insecure.</item>
/// <item><c>bogus.test.</c>: signed with ldns-signzone, then its A and TLSA data altered after
/// signing, and served as is; its DNSKEY is a trust anchor, so those answers are Bogus.</item>
/// </list>
/// Records: MX, A/AAAA on 127.0.0.1/::1, TLSA matching the current certificates and stale ones
/// (scenario 4), a TLSA reached through a CNAME, a PKIX-EE TLSA, a null MX, a domain without MX,
/// <c>_mta-sts</c> and <c>_smtp._tls</c> TXT records, and the MTA-STS test domains of
/// <see cref="MtaSts.MtaStsZone"/>.
/// </summary>
public sealed class DnsZoneFixture : IAsyncLifetime
{
    public const string Zone = "mailtls.test.";
    public const string InsecureZone = "insecure.test.";
    public const string BogusZone = "bogus.test.";

    /// <summary>MX host whose TLSA records match <see cref="CurrentChain"/>.</summary>
    public const string MatchingHost = "mx.mailtls.test.";

    /// <summary>MX host whose TLSA records still describe the previous chain.</summary>
    public const string StaleHost = "stale.mailtls.test.";

    /// <summary>Like <see cref="StaleHost"/>, reserved for the test that publishes the new records with <see cref="PublishAsync"/>.</summary>
    public const string RenewedHost = "renewed.mailtls.test.";

    /// <summary>Host whose <c>_25._tcp</c> name is a CNAME to a shared TLSA RRset.</summary>
    public const string CnameHost = "mx2.mailtls.test.";

    /// <summary>An MX host name that is a CNAME to <see cref="MatchingHost"/> and has no TLSA records of its own.</summary>
    public const string AliasHost = "alias.mailtls.test.";

    /// <summary>Host with only a PKIX-EE(1) TLSA record.</summary>
    public const string PkixHost = "pkix.mailtls.test.";

    /// <summary>Domain with a null MX (RFC 7505).</summary>
    public const string NullMxDomain = "nullmx.mailtls.test.";

    /// <summary>Domain with seven MX hosts (m1 to m7, preferences 10 to 70), more than a default Postfix sender tries.</summary>
    public const string ManyMxDomain = "many.mailtls.test.";

    /// <summary>A sub-domain two labels below the zone, for parent-domain (".sub.mailtls.test") policy keys; its MX is <see cref="SecondLoopbackHost"/>.</summary>
    public const string DeepDomain = "deep.sub.mailtls.test.";

    /// <summary>An MX host on 127.0.0.2, which a sending Postfix on 127.0.0.1 does not take for itself.</summary>
    public const string SecondLoopbackHost = "relay2.mailtls.test.";

    /// <summary>Domain with an address but no MX (RFC 5321 implicit MX).</summary>
    public const string ImplicitMxDomain = "implicit.mailtls.test.";

    public const string MtaStsTxt = "v=STSv1; id=20261123T000000;";
    public const string TlsRptTxt = "v=TLSRPTv1; rua=mailto:tlsrpt@mailtls.test";
    public const int Ttl = 300;

    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan HelperTimeout = TimeSpan.FromSeconds(10);

    private readonly string directory = Directory.CreateTempSubdirectory("mailtls-dns-").FullName;
    private BackgroundProcess? knot;
    private BackgroundProcess? unbound;

    // Each chain from its own CA: the previous one stands for the certificate before a renewal (scenario 4).
    private readonly TestCa currentCa = TestCa.Create("mailtls DNS test current");
    private readonly TestCa previousCa = TestCa.Create("mailtls DNS test previous");

    public DnsZoneFixture()
    {
        CurrentChain = IssueChain(currentCa);
        PreviousChain = IssueChain(previousCa);
    }

    /// <summary>Leaf for <see cref="MatchingHost"/>, then its issuer, as served today.</summary>
    public IReadOnlyList<X509Certificate2> CurrentChain { get; }

    /// <summary>Leaf, then issuer, as served before the renewal.</summary>
    public IReadOnlyList<X509Certificate2> PreviousChain { get; }

    /// <summary>The root CA <see cref="CurrentChain"/> leads to: what a client must trust to verify it.</summary>
    public X509Certificate2 CurrentRoot => currentCa.Root;

    /// <summary>Where Knot answers authoritatively (no recursion, no validation).</summary>
    public IPEndPoint AuthoritativeEndpoint { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>Where the validating resolver answers: what <c>--dns</c> would name.</summary>
    public IPEndPoint ResolverEndpoint { get; private set; } = new(IPAddress.Loopback, 0);

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed; stop whatever did start.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        var knotPort = FreePort.GetForTcpAndUdp(exclude: 0);
        var unboundPort = FreePort.GetForTcpAndUdp(exclude: knotPort);
        AuthoritativeEndpoint = new IPEndPoint(IPAddress.Loopback, knotPort);
        ResolverEndpoint = new IPEndPoint(IPAddress.Loopback, unboundPort);

        var zones = Directory.CreateDirectory(Path.Combine(directory, "zones")).FullName;
        Directory.CreateDirectory(Path.Combine(directory, "knot-db"));
        Directory.CreateDirectory(Path.Combine(directory, "knot-run"));
        File.WriteAllText(Path.Combine(zones, "mailtls.test.zone"), SignedZone());
        File.WriteAllText(Path.Combine(zones, "insecure.test.zone"), InsecureZoneText());
        var knotConf = Path.Combine(directory, "knot.conf");
        File.WriteAllText(knotConf, KnotConfig(knotPort, zones));

        // The signing key exists before knotd starts, so its DS is known without asking knotd.
        await RunAsync(directory, "keymgr", "knot", "-c", knotConf, Zone, "generate", "algorithm=ecdsap256sha256", "ksk=yes", "zsk=yes");
        var ds = (await RunAsync(directory, "keymgr", "knot", "-c", knotConf, Zone, "ds"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .First(line => line.Contains(" DS ", StringComparison.Ordinal) && line.Contains(" 13 2 ", StringComparison.Ordinal));
        var bogusAnchor = await SignAndTamperBogusZoneAsync(zones);

        knot = BackgroundProcess.Start(RequiredTool.Locate("knotd", "knot"), ["-c", knotConf]);
        await WaitUntilAsync(knot, "knotd", AuthoritativeEndpoint, [Zone, InsecureZone, BogusZone], requireAd: false);

        var unboundConf = Path.Combine(directory, "unbound.conf");
        File.WriteAllText(unboundConf, UnboundConfig(unboundPort, knotPort, ds, bogusAnchor));
        unbound = BackgroundProcess.Start(RequiredTool.Locate("unbound", "unbound"), ["-d", "-c", unboundConf]);
        await WaitUntilAsync(unbound, "unbound", ResolverEndpoint, [Zone], requireAd: true);
    }

    public Task DisposeAsync()
    {
        unbound?.Dispose();
        knot?.Dispose();
        currentCa.Dispose();
        previousCa.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying server; the temporary directory is cleaned by the OS.
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Publishes TLSA records at an owner name as a zone administrator would: a knotc transaction
    /// that knotd signs on commit, then a flush of the resolver's cache for the zone so the next
    /// lookup sees the change at once instead of after the TTL.
    /// </summary>
    /// <param name="owner">The owner name, fully qualified.</param>
    /// <param name="records">Records to add beside those already there.</param>
    public async Task PublishAsync(string owner, IEnumerable<TlsaRecord> records)
    {
        var knotConf = Path.Combine(directory, "knot.conf");
        await RunAsync(directory, "knotc", "knot", "-c", knotConf, "zone-begin", Zone);
        foreach (var record in records)
        {
            await RunAsync(directory, "knotc", "knot", "-c", knotConf, "zone-set", Zone, owner,
                Ttl.ToString(CultureInfo.InvariantCulture), "TLSA", record.ToPresentation());
        }

        await RunAsync(directory, "knotc", "knot", "-c", knotConf, "-b", "zone-commit", Zone);
        await RunAsync(directory, "unbound-control", "unbound", "-c", Path.Combine(directory, "unbound.conf"), "flush_zone", Zone);
    }

    /// <summary>The process ids of knotd and unbound while they run.</summary>
    internal IReadOnlyList<int> ServerProcessIds => [.. new[] { knot, unbound }.OfType<BackgroundProcess>().Select(p => p.ProcessId)];

    /// <summary>The servers' logs, for assertion messages.</summary>
    public string Logs => $"--- knotd ---\n{knot?.Describe()}\n--- unbound ---\n{unbound?.Describe()}";

    private string SignedZone()
    {
        var current = TlsaCalculator.RecordsToPublish(CurrentChain);
        var previous = TlsaCalculator.RecordsToPublish(PreviousChain);
        var pkix = TlsaCalculator.Compute(CurrentChain[0], TlsaCertificateUsage.PkixEe);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"$ORIGIN {Zone}");
        text.AppendLine(CultureInfo.InvariantCulture, $"$TTL {Ttl}");
        text.AppendLine("@ SOA ns hostmaster 1 3600 600 86400 300");
        text.AppendLine("@ NS ns");
        text.AppendLine("ns A 127.0.0.1");
        text.AppendLine("@ MX 10 mx");
        text.AppendLine("@ MX 20 mx2");
        text.AppendLine("@ MX 30 stale");
        text.AppendLine(CultureInfo.InvariantCulture, $"_mta-sts TXT \"{MtaStsTxt}\"");
        text.AppendLine(CultureInfo.InvariantCulture, $"_smtp._tls TXT \"{TlsRptTxt[..20]}\" \"{TlsRptTxt[20..]}\"");
        foreach (var host in new[] { "mx", "mx2", "stale", "renewed", "pkix" })
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{host} A 127.0.0.1");
            text.AppendLine(CultureInfo.InvariantCulture, $"{host} AAAA ::1");
        }

        foreach (var record in current)
        {
            text.AppendLine(record.ToZoneLine("_25._tcp.mx"));
        }

        foreach (var record in previous)
        {
            text.AppendLine(record.ToZoneLine("_25._tcp.stale"));
            text.AppendLine(record.ToZoneLine("_25._tcp.renewed"));
        }

        text.AppendLine("_25._tcp.mx2 CNAME _dane-shared");
        text.AppendLine(current[0].ToZoneLine("_dane-shared"));
        text.AppendLine(pkix.ToZoneLine("_25._tcp.pkix"));
        text.AppendLine("alias CNAME mx");
        text.AppendLine("nullmx MX 0 .");
        text.AppendLine("implicit A 127.0.0.1");
        for (var i = 1; i <= 7; i++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"many MX {i * 10} m{i}.many");
            text.AppendLine(CultureInfo.InvariantCulture, $"m{i}.many A 127.0.0.1");
        }

        text.AppendLine("deep.sub MX 10 relay2");
        text.AppendLine("relay2 A 127.0.0.2");
        foreach (var line in MtaSts.MtaStsZone.Lines())
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }

    private static string InsecureZoneText() => $"""
        $ORIGIN {InsecureZone}
        $TTL {Ttl}
        @ SOA ns hostmaster 1 3600 600 86400 300
        @ NS ns
        ns A 127.0.0.1
        @ MX 10 mx
        mx A 127.0.0.1
        _25._tcp.mx TLSA 3 1 1 0000000000000000000000000000000000000000000000000000000000000000

        """;

    /// <summary>
    /// Signs <c>bogus.test.</c> with ldns-signzone, then changes the A and TLSA data of
    /// <c>mx.bogus.test.</c> without re-signing: the RRSIGs no longer verify (RFC 4035 section 5.3).
    /// </summary>
    /// <returns>The zone's DNSKEY in presentation form, to be a trust anchor.</returns>
    private static async Task<string> SignAndTamperBogusZoneAsync(string zones)
    {
        var unsigned = Path.Combine(zones, "bogus.test.zone");
        File.WriteAllText(unsigned, $"""
            $ORIGIN {BogusZone}
            $TTL {Ttl}
            @ SOA ns hostmaster 1 3600 600 86400 300
            @ NS ns
            ns A 127.0.0.1
            @ MX 10 mx
            mx A 127.0.0.1
            _25._tcp.mx TLSA 3 1 1 1111111111111111111111111111111111111111111111111111111111111111

            """);
        var keyBase = (await RunAsync(zones, "ldns-keygen", "ldnsutils", "-a", "ECDSAP256SHA256", "-k", BogusZone.TrimEnd('.'))).Trim();
        await RunAsync(zones, "ldns-signzone", "ldnsutils", "-o", BogusZone, unsigned, keyBase);
        var signed = unsigned + ".signed";
        var tampered = File.ReadAllLines(signed).Select(line =>
            line.StartsWith("mx.bogus.test.", StringComparison.Ordinal) && line.EndsWith("\tA\t127.0.0.1", StringComparison.Ordinal)
                ? line.Replace("127.0.0.1", "127.0.0.2", StringComparison.Ordinal)
                : line.StartsWith("_25._tcp.mx.bogus.test.", StringComparison.Ordinal) && line.Contains("\tTLSA\t", StringComparison.Ordinal)
                    ? line.Replace("1111111111", "2222222222", StringComparison.Ordinal)
                    : line).ToList();
        if (tampered.SequenceEqual(File.ReadAllLines(signed)) || !tampered.Any(l => l.Contains("127.0.0.2", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("ldns-signzone's output changed shape; the bogus zone could not be tampered with");
        }

        File.WriteAllLines(signed, tampered);
        var key = File.ReadAllText(Path.Combine(zones, keyBase + ".key"));
        return key.Split(';')[0].Trim();
    }

    private string KnotConfig(int port, string zones) => $"""
        server:
            listen: 127.0.0.1@{port}
            rundir: {Path.Combine(directory, "knot-run")}
        database:
            storage: {Path.Combine(directory, "knot-db")}
        control:
            listen: {Path.Combine(directory, "knot-run", "knot.sock")}
        log:
          - target: stderr
            any: info
        policy:
          - id: manual
            manual: on
        template:
          - id: default
            storage: {zones}
            file: "%s.zone"
            zonefile-sync: -1
            zonefile-load: whole
            journal-content: none
        zone:
          - domain: {Zone}
            dnssec-signing: on
            dnssec-policy: manual
          - domain: {InsecureZone}
          - domain: {BogusZone}
            file: {Path.Combine(zones, "bogus.test.zone.signed")}

        """;

    private string UnboundConfig(int port, int knotPort, string ds, string bogusAnchor) => $"""
        server:
            interface: 127.0.0.1@{port}
            port: {port}
            do-daemonize: no
            username: ""
            chroot: ""
            directory: "{directory}"
            pidfile: ""
            use-syslog: no
            logfile: ""
            verbosity: 1
            val-log-level: 2
            do-ip6: no
            num-threads: 1
            so-reuseport: no
            do-not-query-localhost: no
            local-zone: "test." nodefault
            domain-insecure: "{InsecureZone}"
            trust-anchor: "{ds}"
            trust-anchor: "{bogusAnchor}"
            serve-original-ttl: yes
            ede: yes
        remote-control:
            control-enable: yes
            control-interface: {Path.Combine(directory, "unbound.ctl")}
            control-use-cert: no
        stub-zone:
            name: "{Zone}"
            stub-addr: 127.0.0.1@{knotPort}
        stub-zone:
            name: "{InsecureZone}"
            stub-addr: 127.0.0.1@{knotPort}
        stub-zone:
            name: "{BogusZone}"
            stub-addr: 127.0.0.1@{knotPort}

        """;

    /// <summary>Polls a server with SOA queries until every zone answers, or fails with its log.</summary>
    private static async Task WaitUntilAsync(BackgroundProcess server, string name, IPEndPoint endpoint, string[] zones, bool requireAd)
    {
        var client = new LookupClient(new LookupClientOptions(endpoint)
        {
            Timeout = TimeSpan.FromMilliseconds(200),
            Retries = 0,
            UseCache = false,
            ThrowDnsErrors = false,
            RequestDnsSecRecords = true,
        });
        using var deadline = new CancellationTokenSource(StartDeadline);
        while (true)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"{name} exited during start:\n{server.Describe()}");
            }

            var ready = true;
            foreach (var zone in zones)
            {
                try
                {
                    var response = await client.QueryAsync(new DnsQuestion(zone, QueryType.SOA), deadline.Token);
                    ready &= !response.HasError && response.Answers.Count > 0 && (!requireAd || response.Header.IsAuthenticData);
                }
                catch (DnsResponseException)
                {
                    ready = false;
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"{name} did not answer for {string.Join(", ", zones)} within {StartDeadline}:\n{server.Describe()}");
                }
            }

            if (ready)
            {
                return;
            }

            try
            {
                await Task.Delay(50, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{name} did not answer for {string.Join(", ", zones)} within {StartDeadline}:\n{server.Describe()}");
            }
        }
    }

    /// <summary>
    /// Runs a helper program (keymgr, knotc, unbound-control, ldns-*) to completion in
    /// <paramref name="workingDirectory"/> (ldns-keygen writes its key files there) and returns its standard output.
    /// </summary>
    private static async Task<string> RunAsync(string workingDirectory, string program, string debianPackage, params string[] arguments)
    {
        var run = await ProcessRunner.RunAsync("env", ["-C", workingDirectory, RequiredTool.Locate(program, debianPackage), .. arguments], HelperTimeout);
        return run.EnsureSuccess().StandardOutput;
    }

    private static IReadOnlyList<X509Certificate2> IssueChain(TestCa ca)
    {
        var host = MatchingHost.TrimEnd('.');
        var leaf = ca.IssueLeaf(new LeafSpec(host) { DnsNames = [host], Key = KeyAlgorithm.EcdsaP256 });
        return [leaf.Certificate, .. leaf.Intermediates];
    }
}
