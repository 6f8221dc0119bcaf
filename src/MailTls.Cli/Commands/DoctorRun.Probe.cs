using System.Net;
using MailTls.Collectors.Smtp;
using MailTls.Core.Postfix;
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
            foreach (var service in InboundTlsEvaluator.Evaluate(postfix.Configuration, postfix.Version, postfix.OpenSsl))
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
        await ProgressAsync($"probing {services.Count} local service(s) on {loopback}");
        foreach (var service in services)
        {
            // A service bound to one address is reached there; a wildcard one over loopback.
            var address = service.Address is { } bound && IPAddress.TryParse(bound, out var parsedAddress) ? parsedAddress : loopback;
            var (probe, chain, failure) = await LocalServiceProber.ProbeAsync(service.Name, address, service.Port, service.ImplicitTls, settings.Timeout, cancellationToken);
            _probes.Add(probe);
            _certificates.AddRange(chain);
            if (failure is not null)
            {
                _failures.Add(failure);
            }
            else if (service.Port == 25 && _port25Chain.Count == 0)
            {
                _port25Chain = chain;
            }
        }
    }

    private IEnumerable<ReportTable> ProbeTable()
    {
        if (_probes.Count == 0)
        {
            yield break;
        }

        yield return new ReportTable(
            "Local services as a default sender sees them (one handshake each)",
            ["Service", "Target", "Mode", "Protocol", "Cipher", "Certificate", "Result"],
            [.. _probes.Select(p => (IReadOnlyList<string>)
            [
                p.Service, p.Target, p.ImplicitTls ? "TLS on connect" : "STARTTLS", p.Protocol ?? "-", p.Cipher ?? "-", p.Certificate ?? "-", p.Failure ?? "handshake completed",
            ])]);
    }
}
