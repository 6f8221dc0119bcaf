using System.Globalization;
using System.Net;
using MailTls.Collectors.Probe;
using MailTls.Collectors.Smtp;
using MailTls.Core.Evidence;
using MailTls.Core.Postfix;
using MailTls.Core.Probe;
using MailTls.Core.Tls;
using MailTls.Diagnosis;

namespace MailTls.Cli.Commands;

/// <summary>The local services and their probe.</summary>
internal sealed partial class DoctorRun
{
    private List<(string Name, string? Address, int Port, bool ImplicitTls, string Origin)> Services(PostfixEvidence? postfix)
    {
        var ports = parsed.GetValue(options.Port) ?? [];
        var result = new List<(string, string?, int, bool, string)>();
        if (ports.Length > 0)
        {
            result.AddRange(ports.Distinct().Select(p => ($"port {p}", (string?)null, p, p == 465, "--port")));
        }
        else if (postfix is not null)
        {
            foreach (var service in InboundTlsEvaluator.Evaluate(postfix))
            {
                if (ServiceEndpoint.TryParse(service.ServiceName, out var address, out var port))
                {
                    var origin = service.Service is { } s ? $"master.cf service {s.Key} ({s.Location})" : "main.cf without master.cf: port 25";
                    result.Add((service.ServiceName, address, port, service.WrapperMode, origin));
                }
            }
        }
        else
        {
            result.Add(("smtp", null, 25, false, "the SMTP port (no configuration read)"));
        }

        foreach (var (name, address, port, implicitTls, origin) in result)
        {
            _inputs.Add(new ReportInput("service", $"{name}: {address ?? "*"} port {port}{(implicitTls ? " (TLS on connect)" : " (STARTTLS)")}", origin));
        }

        return result;
    }

    private async Task ProbeAsync(List<(string Name, string? Address, int Port, bool ImplicitTls, string Origin)> services, CancellationToken cancellationToken)
    {
        var loopback = IPAddress.Parse(parsed.GetValue(options.Address)!);
        var engineOptions = new TlsProbeOptions
        {
            ConnectTimeout = settings.Timeout,
            ReplyTimeout = settings.Timeout,
            HandshakeTimeout = settings.Timeout,
        };
        foreach (var service in services)
        {
            // A service bound to one address is reached there; a wildcard one over loopback.
            var address = service.Address is { } bound && IPAddress.TryParse(bound, out var parsedAddress) ? parsedAddress : loopback;
            await ProgressAsync($"probing {service.Name} on {address} port {service.Port}");
            var result = await LocalServiceProber.ProbeAsync(address, service.Port, service.ImplicitTls, engineOptions, cancellationToken);
            _probeResults.Add((service.Name, result));
            _certificates.AddRange(result.Chains.SelectMany(c => c.Certificates));
            _inputs.Add(new ReportInput("server", result.Target, string.Create(CultureInfo.InvariantCulture, $"probe of {service.Name} from {LocalServiceProber.SourceAddress}: {result.Counts.TcpConnections} connection(s)")));
            if (LocalServiceProber.Failure(result) is { } failure)
            {
                _failures.Add(new ProbeFailure(result.Target, FailureReason.ServerError, failure));
            }
            else if (service.Port == parsed.GetValue(options.MxPort) && _mxChain.Count == 0 && result.Chains.Count > 0)
            {
                _mxChain = result.Chains[0].Certificates;
            }
        }
    }

    private IEnumerable<ReportTable> ProbeTables()
    {
        if (_probeResults.Count == 0)
        {
            yield break;
        }

        yield return new ReportTable(
            "Local services: protocol versions and suites accepted (probe over loopback)",
            ["Service", "Target", "Version", "Accepted", "Suites", "Order"],
            [.. _probeResults.SelectMany(r => r.Result.Protocols.Select(p => (IReadOnlyList<string>)
            [
                r.Service, r.Result.Target, TlsProtocolNames.Of(p.Version), p.Accepted switch { true => "yes", false => "no", null => "not tested" },
                p.Suites.Count == 0 ? "-" : string.Join(" ", p.Suites.Select(s => s.Suite.DisplayName)), p.Accepted == true ? p.Order.ToString().ToLowerInvariant() : "-",
            ]))]);

        var senders = _probeResults.SelectMany(r => r.Result.Senders.Select(s => (IReadOnlyList<string>)
        [
            r.Service, s.Name, s.BasisText,
            s.Negotiated ? $"{(s.Version is { } v ? TlsProtocolNames.Of(v) : "?")} {s.Suite!.DisplayName}"
            : s.Basis == SenderHelloBasis.Unknown ? $"unknown: {s.Detail}"
            : $"fails: {s.Detail}",
        ])).ToList();
        if (senders.Count > 0)
        {
            yield return new ReportTable("Known senders' hellos (recorded or synthesised) and the local services' answers (predicted from the probe's facts or replayed)", ["Service", "Sender", "Basis", "Outcome"], senders);
        }

        var summary = _probeResults.Select(r => (IReadOnlyList<string>)
        [
            r.Service, r.Result.Target, r.Result.ImplicitTls ? "TLS on connect" : "STARTTLS", r.Result.FullHandshake ?? "-",
            r.Result.Chains is [{ Certificates: [var leaf, ..] } chain, ..] ? $"{leaf.Subject} ({chain.KeyType}, {chain.Trust.ToString().ToLowerInvariant()})" : "-",
            LocalServiceProber.Failure(r.Result) ?? "TLS works",
        ]).ToList();
        yield return new ReportTable("Local services as a default client sees them", ["Service", "Target", "Mode", "Negotiated", "Certificate", "Result"], summary);
    }
}
