using MailTls.Collectors.Discovery;
using MailTls.Collectors.Dns;
using MailTls.Collectors.MtaSts;
using MailTls.Core.Dns;
using MailTls.Core.Evidence;
using MailTls.Core.MtaSts;
using MailTls.Core.Postfix;
using MailTls.Diagnosis;

namespace MailTls.Cli.Commands;

/// <summary>The server's own names and their DNS: DANE for the MX host, MX and MTA-STS for the domains.</summary>
internal sealed partial class DoctorRun
{
    private (IReadOnlyList<DiscoveredSource> Hosts, IReadOnlyList<DiscoveredSource> Domains) Names(PostfixEvidence? postfix)
    {
        var givenHosts = parsed.GetValue(options.Host) ?? [];
        var givenDomains = parsed.GetValue(options.Domain) ?? [];
        List<DiscoveredSource> hosts = givenHosts.Length > 0
            ? [.. givenHosts.Select(h => new DiscoveredSource(h.Trim().TrimEnd('.').ToLowerInvariant(), "--host"))]
            : postfix is not null && ServerNames.HostName(postfix.Configuration) is { } own ? [new DiscoveredSource(own.Name, own.Origin)] : [];
        List<DiscoveredSource> domains = givenDomains.Length > 0
            ? [.. givenDomains.Select(d => new DiscoveredSource(d.Trim().TrimEnd('.').ToLowerInvariant(), "--domain"))]
            : postfix is not null ? [.. ServerNames.Domains(postfix.Configuration).Select(d => new DiscoveredSource(d.Name, d.Origin))] : [];
        foreach (var name in hosts)
        {
            _inputs.Add(new ReportInput("host", name.Value, name.Origin));
        }

        foreach (var name in domains)
        {
            _inputs.Add(new ReportInput("domain", name.Value, name.Origin));
        }

        return (hosts, domains);
    }

    /// <summary>
    /// The TLSA records given with --tlsa, compared with the certificate the server is configured
    /// to present (--cert, else Sendmail's confSERVER_CERT): the DANE check without DNS or a probe.
    /// </summary>
    private TlsaEvidence? TlsaFromFile(MailSystem system, string? configDir)
    {
        if (parsed.GetValue(options.Tlsa) is not { } file)
        {
            return null;
        }

        if (!TlsaZoneFile.TryRead(file.FullName, out var host, out var port, out var published, out var failure))
        {
            _failures.Add(failure!);
            return null;
        }

        _inputs.Add(new ReportInput("tlsa", $"{published!.Name} TLSA ({published.Records.Count} record(s))", $"--tlsa {file.FullName}"));
        var certificate = parsed.GetValue(options.Cert) is { } given
            ? new DiscoveredSource(given.FullName, "--cert")
            : system is MailSystem.Sendmail ? SendmailServerCertificate.Find(configDir ?? "/etc/mail") : null;
        if (certificate is null)
        {
            _skipped.Add("DANE: the --tlsa records were not compared with a certificate (give --cert FILE)");
            return new TlsaEvidence(host, port, published);
        }

        _inputs.Add(new ReportInput("certificate", certificate.Value, certificate.Origin));
        if (!DaneChainFiles.TryRead(certificate.Value, null, out var chain, out failure))
        {
            _failures.Add(failure!);
            return new TlsaEvidence(host, port, published);
        }

        _certificates.AddRange(chain);
        return new TlsaEvidence(host, port, published, ServedChain: chain, ServedChainSource: certificate.Value);
    }

    private async Task<(IReadOnlyList<TlsaEvidence> Tlsa, IReadOnlyList<MtaStsEvidence> MtaSts)> DnsAsync(
        IReadOnlyList<DiscoveredSource> hosts, IReadOnlyList<DiscoveredSource> domains, CancellationToken cancellationToken)
    {
        if (hosts.Count + domains.Count == 0)
        {
            _skipped.Add("DNS checks: no host name or mail domain known (give --host and --domain)");
            return ([], []);
        }

        await ProgressAsync($"checking DNS for {hosts.Count + domains.Count} name(s)");
        var dns = new DnsCollector(new DnsCollectorOptions { Server = settings.DnsServer, Timeout = settings.Timeout });
        var tlsa = new List<TlsaEvidence>();
        foreach (var name in hosts)
        {
            // TLSA records live under the port senders connect to: 25 (RFC 7672 section 2.2).
            var lookup = await dns.LookupDaneTlsaAsync(name.Value, 25, cancellationToken);
            var baseDomain = (lookup.BaseDomain ?? name.Value).TrimEnd('.');
            var published = lookup.Tlsa ?? await dns.QueryTlsaAsync(baseDomain, 25, cancellationToken);
            _inputs.Add(new ReportInput("dns", published.Name + " TLSA", $"resolver {published.Server}"));
            if (published.Failure is { } failure && published.Dnssec != DnssecStatus.Bogus)
            {
                _failures.Add(failure);
            }

            tlsa.Add(new TlsaEvidence(
                baseDomain, 25, published,
                ServedChain: _mxChain.Count > 0 ? _mxChain : null,
                ServedChainSource: _mxChain.Count > 0 ? "the local MX service" : null,
                ServedPort: _mxChain.Count > 0 ? parsed.GetValue(options.MxPort) : null));
        }

        var collector = new MtaStsCollector(dns, host.MtaSts with { Timeout = settings.Timeout });
        var mtaSts = new List<MtaStsEvidence>();
        foreach (var domain in domains)
        {
            var sts = await collector.CollectAsync(domain.Value, cancellationToken);
            _failures.AddRange(new[] { sts.RecordAnswer.Failure, sts.TlsRptAnswer.Failure, sts.Mx?.Mx.Failure }.OfType<ProbeFailure>());
            _inputs.Add(new ReportInput("dns", $"{domain.Value} MX, _mta-sts, _smtp._tls", $"resolver {sts.RecordAnswer.Server}"));
            mtaSts.Add(sts);
        }

        return (tlsa, mtaSts);
    }

    private static IEnumerable<ReportTable> DnsTable(IReadOnlyList<TlsaEvidence> tlsa, IReadOnlyList<MtaStsEvidence> mtaSts)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var t in tlsa)
        {
            var records = t.Tlsa.Records.Count == 0 ? "none published" : $"{t.Tlsa.Records.Count} record(s)";
            var match = t.ServedChain is { Count: > 0 } chain && t.Tlsa.Records.Count > 0 ? TlsaMatcher.Match(t.Tlsa.Records, chain).Outcome.ToString() : "-";
            rows.Add(["DANE", t.OwnerName, $"{records}; DNSSEC {t.Tlsa.Dnssec.ToString().ToLowerInvariant()}", match]);
        }

        foreach (var s in mtaSts)
        {
            var mx = s.Mx is { } m ? string.Join(" ", m.Hosts.Select(h => h.Exchange)) : "-";
            var policy = s.Policy?.Policy is { } p ? $"policy mode {p.Mode.ToString().ToLowerInvariant()}" : s.Record.IsAbsent ? "no MTA-STS record" : "policy not usable";
            rows.Add(["MX / MTA-STS", s.Domain, $"MX {mx}", $"{policy}; TLS-RPT {(s.TlsRpt.IsAbsent ? "none" : "published")}"]);
        }

        if (rows.Count > 0)
        {
            yield return new ReportTable("DANE and MTA-STS for this server's names", ["Check", "Name", "Published", "Status"], rows);
        }
    }
}
