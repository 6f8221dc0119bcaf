using System.CommandLine;
using MailTls.Cli.Rendering;
using MailTls.Collectors.Dns;
using MailTls.Collectors.Smtp;
using MailTls.Core.Dns;
using MailTls.Core.Evidence;
using MailTls.Diagnosis;

namespace MailTls.Cli.Commands;

/// <summary>
/// <c>mailtls dane --cert FILE [--chain FILE] --host HOST [--port 25] [--offline]</c>: the TLSA
/// records to publish for certificate files, and unless <c>--offline</c>, whether the records
/// published now match those files (the rollover check). Without <c>--cert</c>, the live mode
/// compares the published records with the chain one STARTTLS handshake presents; exit code 3
/// when that handshake could not be made.
/// </summary>
internal static class DaneCommand
{
    public static Command Create(CommandContext context)
    {
        var cert = new Option<FileInfo?>("--cert")
        {
            Description = "The server certificate (PEM or DER) about to be deployed; without it, the chain the server presents now is read with a STARTTLS handshake",
            HelpName = "FILE",
        };
        var chain = new Option<FileInfo?>("--chain")
        {
            Description = "The intermediate certificates the server sends after its own (PEM)",
            HelpName = "FILE",
        };
        var host = new Option<string>("--host")
        {
            Description = "The MX host name the certificate is for; the TLSA records live at _PORT._tcp.HOST",
            HelpName = "HOST",
            Required = true,
        };
        var port = new Option<int>("--port")
        {
            Description = "The TCP port of the SMTP service",
            DefaultValueFactory = _ => 25,
        };
        var offline = new Option<bool>("--offline")
        {
            Description = "Do not look up the published TLSA records; only print the records to publish",
        };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 65535)
            {
                result.AddError("--port takes a number from 1 to 65535");
            }
        });
        var command = new Command("dane", "TLSA records to publish for a certificate, and whether the published ones match it")
        {
            cert, chain, host, port, offline,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var settings = context.Globals.Read(parsed);
            var certPath = parsed.GetValue(cert)?.FullName;
            var chainPath = parsed.GetValue(chain)?.FullName;
            var hostName = parsed.GetValue(host)!.Trim().TrimEnd('.');
            var portNumber = parsed.GetValue(port);
            if (hostName.Length == 0)
            {
                throw new UserFacingException("--host is empty; give the MX host name, e.g. --host mx.example.com");
            }

            if (certPath is null)
            {
                if (parsed.GetValue(offline))
                {
                    throw new UserFacingException("--offline needs --cert: without files the chain can only come from the live server");
                }

                return await LiveAsync(context, settings, hostName, portNumber, cancellationToken);
            }

            if (!DaneChainFiles.TryRead(certPath, chainPath, out var certificates, out var failure))
            {
                throw new UserFacingException($"{failure!.Source} {failure.Message}");
            }

            try
            {
                var files = chainPath is null ? certPath : $"{certPath} + {chainPath}";
                List<ReportInput> inputs = [new("certificate", files, "command line")];
                List<string> skipped = [];
                var evidence = new EvidenceSet();
                DnsAnswer<TlsaRecord>? published = null;
                var ownerHost = hostName;
                if (parsed.GetValue(offline))
                {
                    skipped.Add("DNS: --offline; the published TLSA records were not compared with the files");
                }
                else
                {
                    var collector = new DnsCollector(new DnsCollectorOptions { Server = settings.DnsServer, Timeout = settings.Timeout });
                    // RFC 7672 section 2.2.2: a secure CNAME'd host's TLSA records may live at the expanded name.
                    // When DANE would not apply (insecure address records), the records are still read so that
                    // dane-dnssec-insecure can say why they are ignored.
                    var lookup = await collector.LookupDaneTlsaAsync(hostName, portNumber, cancellationToken);
                    var baseDomain = (lookup.BaseDomain ?? hostName).TrimEnd('.');
                    ownerHost = baseDomain;
                    published = lookup.Tlsa ?? await collector.QueryTlsaAsync(baseDomain, portNumber, cancellationToken);
                    inputs.Add(new("dns", published.Name + " TLSA", $"resolver {published.Server}"));
                    List<ProbeFailure> failures = published.Failure is { } f && published.Dnssec != DnssecStatus.Bogus ? [f] : [];
                    evidence = evidence with
                    {
                        SourceFailures = failures,
                        Tlsa = [new TlsaEvidence(baseDomain, portNumber, published, DeployChain: certificates, DeployChainSource: files)],
                    };
                }

                if (!settings.Json)
                {
                    DaneRecordsRenderer.Render(ownerHost, portNumber, certificates, published, context.Host.Out);
                }

                var report = new Report
                {
                    ToolVersion = MailTlsApp.Version,
                    Command = "dane",
                    GeneratedAt = context.Host.Time.GetUtcNow(),
                    Inputs = inputs,
                    Skipped = skipped,
                    Findings = Diagnoser.Diagnose(evidence),
                };
                return await ReportEmitter.EmitAsync(report, settings, context.Host);
            }
            finally
            {
                foreach (var certificate in certificates)
                {
                    certificate.Dispose();
                }
            }
        });
        return command;
    }

    /// <summary>
    /// Checks the published records against the chain the server presents now: DNS as a DANE sender
    /// sees it, then one STARTTLS handshake with the host's first address (no SNI is needed to see
    /// the chain Postfix serves).
    /// </summary>
    private static async Task<int> LiveAsync(CommandContext context, GlobalSettings settings, string hostName, int portNumber, CancellationToken cancellationToken)
    {
        var collector = new DnsCollector(new DnsCollectorOptions { Server = settings.DnsServer, Timeout = settings.Timeout });
        var lookup = await collector.LookupDaneTlsaAsync(hostName, portNumber, cancellationToken);
        var baseDomain = (lookup.BaseDomain ?? hostName).TrimEnd('.');
        var published = lookup.Tlsa ?? await collector.QueryTlsaAsync(baseDomain, portNumber, cancellationToken);
        List<ProbeFailure> failures = published.Failure is { } f && published.Dnssec != DnssecStatus.Bogus ? [f] : [];
        List<ReportInput> inputs = [new("dns", published.Name + " TLSA", $"resolver {published.Server}")];
        IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2>? served = null;
        string? servedSource = null;
        if (lookup.Addresses.Records.Count == 0)
        {
            failures.Add(lookup.Addresses.Failure ?? new ProbeFailure(hostName, FailureReason.NotFound, "no address to connect to"));
        }
        else
        {
            var (session, failure) = await StartTlsSession.RunAsync(lookup.Addresses.Records[0], portNumber, hostName, sni: null, implicitTls: portNumber == 465, settings.Timeout, cancellationToken);
            if (session is null)
            {
                failures.Add(failure!);
            }
            else
            {
                served = session.ServedChain;
                servedSource = $"{session.Target} ({session.Protocol})";
                inputs.Add(new("server", session.Target, "STARTTLS handshake"));
            }
        }

        try
        {
            var evidence = new EvidenceSet
            {
                SourceFailures = failures,
                Tlsa = [new TlsaEvidence(baseDomain, portNumber, published, ServedChain: served, ServedChainSource: servedSource)],
            };
            if (!settings.Json && served is { Count: > 0 })
            {
                DaneRecordsRenderer.Render(baseDomain, portNumber, served, published, context.Host.Out);
            }

            var report = new Report
            {
                ToolVersion = MailTlsApp.Version,
                Command = "dane",
                GeneratedAt = context.Host.Time.GetUtcNow(),
                Inputs = inputs,
                Findings = Diagnoser.Diagnose(evidence),
            };
            var exitCode = await ReportEmitter.EmitAsync(report, settings, context.Host);

            // The report still shows what DNS publishes; monitoring needs to tell "no server" from "mismatch".
            return served is null ? (int)ExitCode.TargetUnreachable : exitCode;
        }
        finally
        {
            foreach (var certificate in served ?? [])
            {
                certificate.Dispose();
            }
        }
    }
}
