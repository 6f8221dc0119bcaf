using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using MailTls.Cli.Rendering;
using MailTls.Collectors.Certificates;
using MailTls.Collectors.Dns;
using MailTls.Collectors.MtaSts;
using MailTls.Collectors.Smtp;
using MailTls.Collectors.Postfix;
using MailTls.Core.Certificates;
using MailTls.Core.Evidence;
using MailTls.Core.MtaSts;
using MailTls.Core.Postfix;
using MailTls.Core.Postfix.Outbound;
using MailTls.Diagnosis;
using MailTls.Diagnosis.Checks.Policy;

namespace MailTls.Cli.Commands;

/// <summary>
/// <c>mailtls policy DOMAIN...</c>: Postfix's outbound TLS decision for each destination: next
/// hop, the policy entry used, the names a certificate must carry, and, with the server's
/// certificate, the outcome Postfix logs. Works offline from <c>--mx</c> and <c>--cert</c>.
/// </summary>
internal static class PolicyCommand
{
    /// <summary>The most MX hosts evaluated per domain, in preference order.</summary>
    private const int MaxMailHosts = 5;

    public static Command Create(CommandContext context)
    {
        var destinations = new Argument<string[]>("domain")
        {
            Description = "Recipient domains to explain",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var all = new Option<bool>("--all") { Description = "Explain every domain key of smtp_tls_policy_maps" };
        var mx = new Option<string[]>("--mx")
        {
            Description = "An MX host of the destination (repeatable), instead of the DNS lookup (which honours --dns)",
            HelpName = "HOST",
            AllowMultipleArgumentsPerToken = false,
        };
        var cert = new Option<FileInfo?>("--cert")
        {
            Description = "The chain the servers present (PEM, server certificate first), instead of a live STARTTLS handshake with each",
            HelpName = "FILE",
        };
        var offline = new Option<bool>("--offline")
        {
            Description = "No DNS lookups and no handshakes: use only --mx and --cert",
        };
        var options = new PostfixOptions();
        var command = new Command("policy", "Explain Postfix's outbound TLS decision for a destination")
        {
            destinations, all, mx, cert, offline,
        };
        options.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var settings = context.Globals.Read(parsed);
            var (postfix, failures) = await PostfixConfigCollector.CollectAsync(options.Request(parsed, settings.Timeout), cancellationToken);
            if (postfix is null)
            {
                throw new UserFacingException(PostfixOptions.ExplainMissing(failures));
            }

            var allFailures = new List<ProbeFailure>(failures);
            var config = postfix.Configuration;
            var (policyTables, policyFailures) = LookupTableCollector.Read(config.Resolve("smtp_tls_policy_maps"));
            var (transportTables, transportFailures) = LookupTableCollector.Read(config.Resolve("transport_maps"));
            allFailures.AddRange(policyFailures);
            allFailures.AddRange(transportFailures);

            var wanted = parsed.GetValue(destinations) ?? [];
            if (parsed.GetValue(all))
            {
                wanted = [.. wanted, .. policyTables.SelectMany(t => t.Entries.Keys).Where(k => !k.StartsWith('.') && !k.StartsWith('['))];
            }

            if (wanted.Length == 0)
            {
                throw new UserFacingException("name a destination domain, or use --all for every entry of smtp_tls_policy_maps");
            }

            var roots = new TrustRoots(SmtpTrustRoots(config, allFailures), "smtp_tls_CAfile/CApath");
            IReadOnlyList<PemBlock>? certBlocks = null;
            var certSource = string.Empty;
            if (parsed.GetValue(cert) is { } certFile)
            {
                certBlocks = PemFile.Parse(ReadCertificateFile(certFile), certFile.ToString()).Blocks;
                certSource = $"--cert {certFile}";
                _ = Presented(certBlocks, certSource, roots) ?? throw new UserFacingException($"--cert {certFile} holds no certificate");
            }
            var givenHosts = parsed.GetValue(mx) ?? [];
            var noNetwork = parsed.GetValue(offline);
            var dns = new DnsCollector(new DnsCollectorOptions { Server = settings.DnsServer, Timeout = settings.Timeout });

            var mtaSts = new MtaStsCollector(dns, context.Host.MtaSts with { Timeout = settings.Timeout });

            // Destinations are independent: their MX and MTA-STS lookups run in parallel.
            var results = await Task.WhenAll(wanted.Distinct(StringComparer.OrdinalIgnoreCase).Select(async d =>
            {
                var decision = OutboundPolicyEvaluator.Decide(d, postfix.Configuration, postfix.Version, policyTables, transportTables);
                var tls = OutboundTlsSettings.For(decision, config, postfix.Version, postfix.OpenSsl, postfix.OpenSslBuild);
                var trust = TrustRootsFor(decision, config, roots, allFailures);
                var presented = certBlocks is null ? null : Presented(certBlocks, certSource, trust);
                var (hosts, mxCount) = !decision.NextHop.MxLookup ? ([decision.NextHop.Domain], 1)
                    : givenHosts.Length > 0 || noNetwork ? (givenHosts, givenHosts.Length)
                    : await MailHostsAsync(dns, decision.NextHop.Domain, allFailures, cancellationToken);
                var sts = !noNetwork && decision.NextHop.MxLookup ? await MtaStsInputAsync(dns, mtaSts, d, cancellationToken) : null;
                if (!noNetwork && decision.Choice.Level is OutboundLevel.Dane or OutboundLevel.DaneOnly)
                {
                    var dane = await DaneEvaluationAsync(decision, config, hosts, dns, settings.Timeout, allFailures, cancellationToken);
                    return (Evaluation: dane with { Tls = tls }, MtaSts: sts, MxCount: mxCount);
                }

                // Servers are contacted when names must be checked, or when the entry narrows ciphers or
                // protocols, whose effect depends on what the server can do.
                if (presented is not null || noNetwork || (!decision.ChecksNames && !NarrowsTls(decision)))
                {
                    return (Evaluation: Evaluate(decision, hosts, _ => presented, postfix) with { Tls = tls }, MtaSts: sts, MxCount: mxCount);
                }

                // No --cert: look at what each server presents, one handshake per host, as smtp(8) would (no SNI).
                var live = new Dictionary<string, Peer?>(StringComparer.OrdinalIgnoreCase);
                foreach (var host in hosts)
                {
                    var sni = ServerName(decision, config, host, postfix.Version);
                    live[host] = await LiveCertificateAsync(host, decision.NextHop.PortFor(config), sni, dns, config, trust, settings.Timeout, allFailures, cancellationToken);
                }

                return (Evaluation: Evaluate(decision, hosts, h => live[h], postfix) with { Tls = tls }, MtaSts: sts, MxCount: mxCount);
            }));
            var evaluations = results.Select(r => r.Evaluation).ToList();
            var evidence = new EvidenceSet
            {
                Postfix = postfix,
                OutboundPolicies = evaluations,
                PolicyTables = policyTables,
                CollectedAt = context.Host.Time.GetUtcNow(),
                SourceFailures = allFailures,
            };
            var report = new Report
            {
                ToolVersion = MailTlsApp.Version,
                Command = "policy",
                GeneratedAt = context.Host.Time.GetUtcNow(),
                Inputs =
                [
                    new("config", config.Main.Path, postfix.ConfigDirectoryOrigin),
                    new("version", $"Postfix {postfix.Version}", postfix.VersionOrigin),
                    .. policyTables.Select(t => new ReportInput("policy table", t.Name, "smtp_tls_policy_maps")),
                    .. results.Select(r => new ReportInput("decision", r.Evaluation.Decision.NextHop.Destination, Summarize(r.Evaluation, r.MxCount))),
                    .. results.Select(r => r.MtaSts).OfType<ReportInput>(),
                ],
                Skipped = noNetwork
                    ? ["network: --offline (MX hosts only from --mx, certificates only from --cert)"]
                    : evaluations.Any(e => e.Decision.ChecksNames && e.Verdicts.Count < e.Hosts.Count)
                        ? ["certificate verdicts for servers that could not be reached (see source-unavailable), or give --cert FILE"]
                        : [],
                Tables = PolicyFacts.Tables(evaluations),
                Findings = Diagnoser.Diagnose(evidence),
            };
            return await ReportEmitter.EmitAsync(report, settings, context.Host);
        });
        return command;
    }

    private static async Task<(IReadOnlyList<string> Hosts, int Total)> MailHostsAsync(DnsCollector dns, string domain, List<ProbeFailure> failures, CancellationToken cancellationToken)
    {
        var resolution = await dns.ResolveMailHostsAsync(domain, cancellationToken);
        if (resolution.Mx.Failure is { } failure)
        {
            lock (failures)
            {
                failures.Add(failure);
            }
        }

        // Postfix tries at most smtp_mx_address_limit (default 5) addresses, so hosts beyond the
        // fifth are never reached by a default sender; the cap also bounds a hostile MX set's cost.
        var usable = resolution.Hosts.Where(h => !h.IsNullMx).ToList();
        return ([.. usable.Take(MaxMailHosts).Select(h => h.Exchange.TrimEnd('.'))], usable.Count);
    }

    private static async Task<Peer?> LiveCertificateAsync(
        string host, int port, string? sni, DnsCollector dns, PostfixConfiguration config, TrustRoots roots, TimeSpan timeout, List<ProbeFailure> failures, CancellationToken cancellationToken)
    {
        IPAddress? address = IPAddress.TryParse(host, out var literal) ? literal : null;
        if (address is null && config.Resolve("smtp_host_lookup").Value.Contains("native", StringComparison.OrdinalIgnoreCase))
        {
            // smtp_host_lookup = native: Postfix asks the system (/etc/hosts, nsswitch), so mailtls does too.
            address = await NativeLookupAsync(host, timeout, cancellationToken);
        }

        if (address is null)
        {
            var answer = await dns.QueryAddressesAsync(host, AddressFamily.InterNetwork, cancellationToken);
            address = answer.Records.Count > 0 ? answer.Records[0] : null;
            if (address is null)
            {
                lock (failures)
                {
                    failures.Add(answer.Failure ?? new ProbeFailure(host, FailureReason.NotFound, "no IPv4 address"));
                }

                return null;
            }
        }

        var (session, failure) = await StartTlsSession.RunAsync(address, port, host, sni, implicitTls: false, timeout, cancellationToken);
        if (session is null)
        {
            lock (failures)
            {
                failures.Add(failure!);
            }

            return null;
        }

        var source = $"handshake with {session.Target} ({session.Protocol}{(sni is null ? ", no SNI" : $", SNI {sni}")})";
        var blocks = session.ServedChain.Select(c => new PemBlock("CERTIFICATE", c.RawData, new SourceLocation(session.Target))).ToList();
        return Presented(blocks, source, roots) is { } peer ? peer with { Protocol = ToPostfix(session.Protocol) } : null;
    }

    /// <summary>
    /// Postfix has no MTA-STS of its own; when the destination publishes an enforce policy, the
    /// report gives the smtp_tls_policy_maps entry that makes Postfix insist on the same thing.
    /// The full MTA-STS diagnosis is <c>mailtls mta-sts DOMAIN</c>.
    /// </summary>
    private static async Task<ReportInput?> MtaStsInputAsync(DnsCollector dns, MtaStsCollector collector, string domain, CancellationToken cancellationToken)
    {
        var txt = await dns.QueryTxtAsync("_mta-sts." + domain.TrimEnd('.'), cancellationToken);
        if (MtaStsRecord.Select(txt.Records).IsAbsent)
        {
            return null;
        }

        var fetch = await collector.FetchPolicyAsync(domain, cancellationToken);
        var policy = fetch.Body is { } body ? MtaStsPolicy.Parse(body.Span).Policy : null;
        var origin = policy is null
            ? $"policy not usable ({fetch.Outcome}: {fetch.Detail}); see mailtls mta-sts {domain}"
            : policy.ToPostfixPolicyEntry(domain) is { } entry
                ? $"mode enforce, mx {string.Join(" ", policy.Mx.Select(m => m.Pattern))}; smtp_tls_policy_maps entry with the same effect: {entry} (Postfix's '.domain' also accepts names more than one label deeper)"
                : $"mode {policy.Mode.ToString().ToLowerInvariant()}: MTA-STS senders still deliver on failure, so no smtp_tls_policy_maps entry is suggested";
        return new ReportInput("mta-sts", fetch.Url, origin);
    }

    /// <summary>
    /// Level dane/dane-only: per MX host, the TLSA lookup a DANE sender makes and, where records
    /// apply, a handshake to compare them with the presented chain.
    /// </summary>
    private static async Task<PolicyEvaluation> DaneEvaluationAsync(
        OutboundDecision decision, PostfixConfiguration config, IReadOnlyList<string> hosts, DnsCollector dns, TimeSpan timeout, List<ProbeFailure> failures, CancellationToken cancellationToken)
    {
        var verdicts = new List<HostVerdict>();
        foreach (var host in hosts)
        {
            var lookup = await dns.LookupDaneTlsaAsync(host, decision.NextHop.PortFor(config), cancellationToken);
            IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2>? chain = null;
            if (lookup.Addresses.Records.Count > 0)
            {
                var (session, failure) = await StartTlsSession.RunAsync(lookup.Addresses.Records[0], decision.NextHop.PortFor(config), host, sni: lookup.BaseDomain ?? host, implicitTls: false, timeout, cancellationToken);
                chain = session?.ServedChain;
                if (failure is not null)
                {
                    lock (failures)
                    {
                        failures.Add(failure);
                    }
                }
            }

            verdicts.Add(DaneVerdicts.Judge(decision.Choice.Level!.Value, host, lookup, chain));
        }

        return new PolicyEvaluation(decision, verdicts, hosts, "TLSA records through --dns, and a STARTTLS handshake with each host");
    }

    private static async Task<IPAddress?> NativeLookupAsync(string host, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var addresses = await System.Net.Dns.GetHostAddressesAsync(host, AddressFamily.InterNetwork, deadline.Token);
            return addresses.Length > 0 ? addresses[0] : null;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return null;
        }
    }

    private static PolicyEvaluation Evaluate(
        OutboundDecision decision,
        IReadOnlyList<string> hosts,
        Func<string, Peer?> presented,
        PostfixEvidence postfix)
    {
        var multiple = !postfix.Configuration.Resolve("tls_wildcard_matches_multiple_labels").IsNo;
        var verdicts = new List<HostVerdict>();
        string? source = null;
        foreach (var host in hosts)
        {
            if (presented(host) is { } p)
            {
                verdicts.Add(OutboundPolicyEvaluator.Judge(decision, host, p.Names, p.Trusted, postfix.Version, multiple) with { KeyType = p.KeyType, Protocol = p.Protocol });
                source ??= p.Source;
            }
        }

        return new PolicyEvaluation(decision, verdicts, hosts, source);
    }

    private static string Summarize(PolicyEvaluation evaluation, int mxCount)
    {
        var d = evaluation.Decision;
        var level = d.Choice.Level?.ToString().ToLowerInvariant() ?? "invalid";
        var source = d.Choice.Entry is { } e ? $"{d.Choice.Table} ({e.Location}): {e.Text}" : $"{d.Choice.Global?.Name} = {d.Choice.Global?.RawValue}";
        var names = d.ChecksNames ? $"; names required: {string.Join(", ", d.MatchList)} ({d.MatchListSource})" : string.Empty;
        var outcome = string.Join("; ", evaluation.Verdicts.Select(v => $"{v.Host}: {v.Label}{(v.Deferral is null ? string.Empty : $", deferred {v.Dsn} {v.Deferral}")}"));
        var hosts = evaluation.Hosts.Count == 0 ? string.Empty
            : $"; servers {string.Join(", ", evaluation.Hosts)}" + (mxCount > evaluation.Hosts.Count
                ? $" (the first {evaluation.Hosts.Count} of {mxCount} MX hosts: a default sender stops at smtp_mx_address_limit = {MaxMailHosts})"
                : string.Empty);
        var tls = evaluation.Tls is { } t
            ? $"; grade {t.Ciphers.Grade} ({t.GradeSource}), protocols {(t.Protocols.IsValid ? string.Join(" ", t.Protocols.ClientOffers.Select(p => p.Name())) : "invalid")} ({t.ProtocolsSource}), "
                + (t.Ciphers.CipherString is { } cs ? $"cipher list \"{cs}\" ({t.Suites.Count} suites up to TLS 1.2)" : $"no cipher list: {t.Ciphers.Problem}")
            : string.Empty;
        return $"next hop {d.NextHop.Dest}; level {level} from {source}{names}{tls}{hosts}{(outcome.Length > 0 ? "; " + outcome : string.Empty)}";
    }

    private static string ReadCertificateFile(FileInfo file)
    {
        try
        {
            return File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserFacingException($"cannot read --cert {file}: {e.Message}", e);
        }
    }

    /// <summary>smtp(8) trusts only smtp_tls_CAfile and smtp_tls_CApath (Debian's main.cf points CApath at /etc/ssl/certs); read them once.</summary>
    private static List<System.Security.Cryptography.X509Certificates.X509Certificate2> SmtpTrustRoots(PostfixConfiguration config, List<ProbeFailure> failures)
    {
        var roots = new List<System.Security.Cryptography.X509Certificates.X509Certificate2>();
        if (config.Resolve("smtp_tls_CAfile").Value.Trim() is { Length: > 0 } caFile)
        {
            roots.AddRange(TrustStore.LoadBundle(caFile, failures));
        }

        if (config.Resolve("smtp_tls_CApath").Value.Trim() is { Length: > 0 } caPath)
        {
            roots.AddRange(TrustStore.LoadDirectory(caPath, failures));
        }

        return roots;
    }

    /// <summary>
    /// The trust anchors smtp(8) verifies a destination's chain with at verify/secure: the entry's
    /// tafile= files, else smtp_tls_trust_anchor_file; either replaces CAfile/CApath (postconf(5)
    /// smtp_tls_trust_anchor_file: "the root CAs in CAfile and CApath are no longer trusted").
    /// </summary>
    private static TrustRoots TrustRootsFor(OutboundDecision decision, PostfixConfiguration config, TrustRoots defaults, List<ProbeFailure> failures)
    {
        if (!decision.ChecksNames)
        {
            return defaults;
        }

        var (files, origin) = decision.Choice.Policy is { TrustAnchorFiles.Count: > 0 } policy
            ? (policy.TrustAnchorFiles, $"tafile= in {decision.Choice.Table}")
            : (config.Resolve("smtp_tls_trust_anchor_file", decision.NextHop.Service(config)).Value
                .Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries), "smtp_tls_trust_anchor_file");
        if (files.Count == 0)
        {
            return defaults;
        }

        var anchors = new List<System.Security.Cryptography.X509Certificates.X509Certificate2>();
        lock (failures)
        {
            foreach (var file in files)
            {
                anchors.AddRange(TrustStore.LoadBundle(file, failures));
            }
        }

        return new TrustRoots(anchors, $"{origin} ({string.Join(", ", files)})");
    }

    /// <summary>
    /// The SNI smtp(8) sends outside DANE (Postfix 3.4+): the entry's servername=, else
    /// smtp_tls_servername; "hostname" means the MX host, "nexthop" the next-hop domain, anything
    /// else is sent as written (postconf(5) smtp_tls_servername). Servers may choose their
    /// certificate by it, so the live handshake sends the same.
    /// </summary>
    private static string? ServerName(OutboundDecision decision, PostfixConfiguration config, string host, PostfixVersion postfix)
    {
        if (!postfix.AtLeast(3, 4))
        {
            return null;
        }

        var value = decision.Choice.Policy?.Attributes.GetValueOrDefault("servername")
            ?? config.Resolve("smtp_tls_servername", decision.NextHop.Service(config)).Value.Trim();
        return value.ToLowerInvariant() switch
        {
            "" => null,
            "hostname" => host,
            "nexthop" => decision.NextHop.Domain,
            _ => value,
        };
    }

    /// <summary>Whether the policy entry narrows ciphers or protocols (ciphers=, protocols=, exclude=).</summary>
    private static bool NarrowsTls(OutboundDecision decision) =>
        decision.Choice.Policy?.Attributes.Keys.Any(k => k is "ciphers" or "protocols" or "exclude") == true;

    private static PostfixProtocol? ToPostfix(SslProtocols protocol) => protocol switch
    {
#pragma warning disable SYSLIB0039, CA5397 // TLS 1.0/1.1 are named only to report what a server negotiated.
        SslProtocols.Tls => PostfixProtocol.Tls10,
        SslProtocols.Tls11 => PostfixProtocol.Tls11,
#pragma warning restore SYSLIB0039, CA5397
        SslProtocols.Tls12 => PostfixProtocol.Tls12,
        SslProtocols.Tls13 => PostfixProtocol.Tls13,
        _ => null,
    };

    /// <summary>The names a chain presents and whether it links to a trusted root; null when it holds no certificate (anonymous TLS).</summary>
    private static Peer? Presented(IReadOnlyList<PemBlock> blocks, string source, TrustRoots roots)
    {
        var report = CertificateFileAnalyzer.Analyze(blocks, [], []);
        if (report.Leaf is null)
        {
            return null;
        }

        var trusted = CertificateFileAnalyzer.LinksToTrustedRoot(report, roots.Certificates);
        return new Peer(
            CertificateNames.Presented(report.Leaf.Certificate),
            trusted,
            $"{source}, chain {(trusted ? "trusted" : "not trusted")} by {roots.Origin}",
            CertificateKey.Type(report.Leaf.Certificate));
    }

    /// <summary>Certificates a chain may end at, and where they were configured.</summary>
    private sealed record TrustRoots(IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2> Certificates, string Origin);

    /// <summary>What one server presents: its certificate's names and key type, whether the chain is trusted, and (live) the protocol negotiated.</summary>
    private sealed record Peer(IReadOnlyList<string> Names, bool Trusted, string Source, string KeyType)
    {
        public PostfixProtocol? Protocol { get; init; }
    }
}
