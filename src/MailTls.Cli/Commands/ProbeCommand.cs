using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MailTls.Cli.Rendering;
using MailTls.Collectors.Certificates;
using MailTls.Collectors.Dns;
using MailTls.Collectors.Probe;
using MailTls.Core.Evidence;
using MailTls.Core.Probe;
using MailTls.Diagnosis;

namespace MailTls.Cli.Commands;

/// <summary>
/// <c>mailtls probe TARGET</c>: the server as senders see it. A domain goes through MX (in
/// preference order) to every address; a host, host:port or address is probed directly. Each
/// address and port gets the whole probe (protocols, suites in server order, groups, chain, sender
/// replay); the report shows a capability table per endpoint, the findings and the cost in
/// connections. Exit code 3 when no endpoint could be reached at all.
/// </summary>
internal static class ProbeCommand
{
    private const int DefaultMxLimit = 5;

    public static Command Create(CommandContext context)
    {
        var target = new Argument<string>("TARGET") { Description = "A mail domain (MX lookup), a host, host:port, or an IP address" };
        var port = new Option<int?>("--port") { Description = "The port: 25 and 587 use STARTTLS, 465 TLS on connect (default 25, or the port in TARGET)" };
        var implicitTls = new Option<bool?>("--implicit-tls") { Description = "TLS on connect instead of STARTTLS (default: on for port 465)" };
        var ehlo = new Option<string?>("--ehlo") { Description = "The name sent with EHLO (default: this machine's name)", HelpName = "NAME" };
        var parallel = new Option<int>("--parallel") { Description = "Most connections open at once to one server", DefaultValueFactory = _ => 2, HelpName = "N" };
        var delay = new Option<int>("--delay") { Description = "Pause between two connections to the same server, in milliseconds", DefaultValueFactory = _ => 0, HelpName = "MS" };
        var caFile = new Option<FileInfo?>("--ca-file") { Description = "Trust anchors (PEM) for chain verification instead of the system store", HelpName = "FILE" };
        var mxLimit = new Option<int>("--mx-limit") { Description = "Most MX hosts probed, in preference order", DefaultValueFactory = _ => DefaultMxLimit, HelpName = "N" };
        var ipv4 = new Option<bool>("--ipv4", "-4") { Description = "Probe IPv4 addresses only" };
        var ipv6 = new Option<bool>("--ipv6", "-6") { Description = "Probe IPv6 addresses only" };
        var noSenders = new Option<bool>("--no-senders") { Description = "Skip sending real senders' ClientHellos, recorded or synthesised from published facts (saves one connection per sender)" };
        var replaySenders = new Option<bool>("--replay-senders") { Description = "Send every real sender's ClientHello, also those whose answer the enumerated server facts predict (one connection each)" };
        var sni = new Option<string?>("--sni") { Description = "The name sent as SNI (server_name) in every hello and the full handshake (default: none, as Postfix sends)", HelpName = "NAME" };
        var bundle = new Option<int>("--max-suites") { Description = "Most cipher suites in one ClientHello (lower it for servers that ignore long lists)", DefaultValueFactory = _ => 64, HelpName = "N" };
        Positive(parallel, 1, 64);
        Positive(delay, 0, 600_000);
        Positive(mxLimit, 1, 50);
        Positive(bundle, 8, 1024);
        sni.Validators.Add(result =>
        {
            // RFC 6066 section 3: a DNS host name in ASCII, no IP literal.
            if (result.GetValueOrDefault<string?>() is { } name
                && (Uri.CheckHostName(name.TrimEnd('.')) != UriHostNameType.Dns || name.Any(c => c > 0x7E)))
            {
                result.AddError("--sni takes a DNS host name in ASCII (A-labels for internationalised names), not an address");
            }
        });
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 or > 65535)
            {
                result.AddError("--port takes a number from 1 to 65535");
            }
        });

        var command = new Command("probe", "What a mail server accepts in TLS, the way senders see it: protocols, suites, order, chain, and which real senders get through")
        {
            target, port, implicitTls, ehlo, parallel, delay, caFile, mxLimit, ipv4, ipv6, noSenders, replaySenders, sni, bundle,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var settings = context.Globals.Read(parsed);
            if (!ProbeTarget.TryParse(parsed.GetValue(target), out var probeTarget, out var error))
            {
                throw new UserFacingException(error);
            }

            if (parsed.GetValue(ipv4) && parsed.GetValue(ipv6))
            {
                throw new UserFacingException("-4 and -6 exclude each other; give neither to probe both families");
            }

            var portNumber = parsed.GetValue(port) ?? probeTarget!.Port ?? 25;
            var failures = new List<ProbeFailure>();
            List<X509Certificate2>? anchors = null;
            if (parsed.GetValue(caFile) is { } file)
            {
                anchors = TrustStore.LoadBundle(file.FullName, failures);
                if (anchors.Count == 0)
                {
                    throw new UserFacingException($"{file.FullName}: no certificate could be read ({string.Join("; ", failures.Select(f => f.Message))})");
                }
            }

            var options = new TlsProbeOptions
            {
                EhloName = parsed.GetValue(ehlo) is { Length: > 0 } name ? name : Environment.MachineName,
                ConnectTimeout = settings.Timeout,
                ReplyTimeout = settings.Timeout,
                HandshakeTimeout = settings.Timeout,
                MaxParallel = parsed.GetValue(parallel),
                Delay = TimeSpan.FromMilliseconds(parsed.GetValue(delay)),
                MaxSuitesPerHello = parsed.GetValue(bundle),
                TrustAnchors = anchors,
                SimulateSenders = !parsed.GetValue(noSenders),
                ReplayAllSenders = parsed.GetValue(replaySenders),
                ServerName = parsed.GetValue(sni)?.TrimEnd('.'),
            };
            var family = parsed.GetValue(ipv4) ? AddressFamily.InterNetwork : parsed.GetValue(ipv6) ? AddressFamily.InterNetworkV6 : AddressFamily.Unspecified;
            var dns = new DnsCollector(new DnsCollectorOptions { Server = settings.DnsServer, Timeout = settings.Timeout });
            var endpoints = await EndpointsAsync(probeTarget!, portNumber, parsed.GetValue(implicitTls) ?? portNumber == 465, family, parsed.GetValue(mxLimit), dns, failures, cancellationToken);

            var engine = new TlsProbeEngine(options, context.Host.Time);
            IProgress<string>? progress = context.Host.ShowProgress ? new Progress<string>(line => context.Host.Error.WriteLine(line)) : null;
            var results = await Task.WhenAll(endpoints.Select(e => engine.ProbeAsync(e, progress, cancellationToken)));
            try
            {
                foreach (var result in results)
                {
                    failures.AddRange(result.Failures);
                    if (result.Smtp?.Verdict == SmtpVerdict.ConnectFailed)
                    {
                        failures.Add(new ProbeFailure(result.Target, FailureReason.Unreachable, result.Smtp.Detail));
                    }

                    // A server that does not speak SMTP (endless or oversized replies, noise, a web server)
                    // must not look like a clean report.
                    if (result.Smtp?.Verdict == SmtpVerdict.ProtocolError)
                    {
                        failures.Add(new ProbeFailure(result.Target, FailureReason.InvalidData, $"the server does not speak SMTP as RFC 5321 requires: {result.Smtp.Detail}", string.Join('\n', result.Smtp.Transcript)));
                    }
                }

                var evidence = new EvidenceSet { Probes = results, SourceFailures = failures, CollectedAt = context.Host.Time.GetUtcNow() };
                var report = new Report
                {
                    ToolVersion = MailTlsApp.Version,
                    Command = "probe",
                    GeneratedAt = context.Host.Time.GetUtcNow(),
                    Inputs = [.. results.Select(r => new ReportInput("server", r.Target, $"{(r.ImplicitTls ? "TLS on connect" : "STARTTLS")}; {r.Counts.TcpConnections} connections, {r.Counts.Handshakes} handshakes, {r.Counts.Elapsed.TotalSeconds:0.00} s"))],
                    Tables = [.. results.SelectMany(r => ProbeTables.For(r, evidence.CollectedAt))],
                    Findings = Diagnoser.Diagnose(evidence),
                };
                var exitCode = await ReportEmitter.EmitAsync(report, settings, context.Host);
                var reached = results.Any(r => r.Smtp?.Verdict is not SmtpVerdict.ConnectFailed);
                return reached ? exitCode : (int)ExitCode.TargetUnreachable;
            }
            finally
            {
                foreach (var certificate in results.SelectMany(r => r.Chains).SelectMany(c => c.Certificates).Concat(anchors ?? []))
                {
                    certificate.Dispose();
                }
            }
        });
        return command;
    }

    /// <summary>
    /// The endpoints to probe: the address itself; or MX hosts in preference order (at most
    /// <paramref name="mxLimit"/>), each with all its addresses of the chosen families; a name with
    /// no MX records is its own mail host (RFC 5321 section 5.1), as is a name given with a port.
    /// </summary>
    private static async Task<IReadOnlyList<ProbeEndpoint>> EndpointsAsync(
        ProbeTarget target, int port, bool implicitTls, AddressFamily family, int mxLimit, DnsCollector dns, List<ProbeFailure> failures, CancellationToken cancellationToken)
    {
        if (target.Address is { } address)
        {
            return [new ProbeEndpoint(target.Name, address, port, implicitTls)];
        }

        List<(string Host, string? Domain)> hosts = [(target.Name, null)];
        if (target.MayBeDomain)
        {
            var resolution = await dns.ResolveMailHostsAsync(target.Name, cancellationToken);
            if (resolution.Mx.Failure is { } mxFailure)
            {
                failures.Add(mxFailure);
            }

            if (resolution.Kind == Core.Dns.MxResolutionKind.NullMx)
            {
                throw new UserFacingException($"{target.Name} publishes a null MX (RFC 7505): it accepts no mail, so there is nothing to probe");
            }

            if (resolution.Kind == Core.Dns.MxResolutionKind.Mx)
            {
                hosts = [.. resolution.Hosts.Take(mxLimit).Select(h => (h.Exchange.TrimEnd('.'), (string?)target.Name))];
            }
        }

        var endpoints = new List<ProbeEndpoint>();
        foreach (var (host, domain) in hosts)
        {
            foreach (var addressFamily in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 }.Where(f => family == AddressFamily.Unspecified || f == family))
            {
                var answer = await dns.QueryAddressesAsync(host, addressFamily, cancellationToken);
                if (answer.Failure is { } failure)
                {
                    failures.Add(failure);
                }

                endpoints.AddRange(answer.Records.Select(a => new ProbeEndpoint(host, a, port, implicitTls, domain)));
            }
        }

        if (endpoints.Count == 0)
        {
            throw new UserFacingException(ExitCode.TargetUnreachable, $"{target.Name}: no {(family == AddressFamily.InterNetworkV6 ? "IPv6 " : family == AddressFamily.InterNetwork ? "IPv4 " : string.Empty)}address to probe ({string.Join("; ", failures.Select(f => f.Message).DefaultIfEmpty("no A/AAAA records"))})");
        }

        return endpoints;
    }

    private static void Positive(Option<int> option, int min, int max) =>
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < min || result.GetValueOrDefault<int>() > max)
            {
                result.AddError($"{option.Name} takes a number from {min} to {max}");
            }
        });
}
