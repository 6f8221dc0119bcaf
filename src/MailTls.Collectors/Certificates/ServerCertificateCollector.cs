using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailTls.Core.Certificates;
using MailTls.Core.Evidence;
using MailTls.Core.Postfix;

namespace MailTls.Collectors.Certificates;

/// <summary>
/// Reads the certificate and key files each smtpd service loads, and the system's trusted roots,
/// and hands them to <see cref="CertificateFileAnalyzer"/>. Only reads; key material never leaves
/// the analysis.
/// </summary>
public static class ServerCertificateCollector
{
    /// <summary>Debian's bundle of trusted roots (package ca-certificates).</summary>
    public const string DefaultTrustBundle = "/etc/ssl/certs/ca-certificates.crt";

    /// <summary>The largest certificate or key file read.</summary>
    public const long MaxFileBytes = 1 << 20;

    /// <summary>Collects every certificate/key pair the smtpd services load.</summary>
    /// <param name="postfix">The configuration.</param>
    /// <param name="trustBundle">The PEM bundle of roots senders trust.</param>
    /// <returns>The pairs, how many roots were loaded, and failures.</returns>
    public static (IReadOnlyList<CertificateSlot> Slots, int TrustedRootCount, IReadOnlyList<ProbeFailure> Failures) Collect(
        PostfixEvidence postfix, string trustBundle = DefaultTrustBundle)
    {
        ArgumentNullException.ThrowIfNull(postfix);
        var failures = new List<ProbeFailure>();
        var roots = TrustStore.LoadBundle(trustBundle, failures);
        var config = postfix.Configuration;
        var slots = new Dictionary<string, (ResolvedParameter Cert, ResolvedParameter? Key, List<InboundTlsSettings> Services)>(StringComparer.Ordinal);
        foreach (var service in InboundTlsEvaluator.Evaluate(config, postfix.Version, postfix.OpenSsl).Where(s => s.TlsOffered))
        {
            foreach (var (cert, key) in Pairs(config, service.Service, postfix.Version))
            {
                var id = $"{cert.Value}\n{key?.Value}";
                if (!slots.TryGetValue(id, out var slot))
                {
                    slot = (cert, key, []);
                    slots[id] = slot;
                }

                slot.Services.Add(service);
            }
        }

        var result = slots.Values.Select(s => Read(s.Cert, s.Key, s.Services, config, roots)).ToList();
        return (result, roots.Count, failures);
    }

    /// <summary>
    /// Reads the DH parameter files the smtpd services load for DHE key exchange. Empty (and, from
    /// 3.7, "auto") means Postfix's built-in group (2048 bits from 3.1) or OpenSSL's choice.
    /// </summary>
    /// <param name="postfix">The configuration.</param>
    /// <returns>One entry per distinct file.</returns>
    public static IReadOnlyList<DhParameterFile> CollectDhParameters(PostfixEvidence postfix)
    {
        ArgumentNullException.ThrowIfNull(postfix);
        var config = postfix.Configuration;
        var files = new Dictionary<string, (ResolvedParameter Parameter, List<InboundTlsSettings> Services)>(StringComparer.Ordinal);
        foreach (var service in InboundTlsEvaluator.Evaluate(config, postfix.Version, postfix.OpenSsl).Where(s => s.TlsOffered))
        {
            var parameter = config.Resolve("smtpd_tls_dh1024_param_file", service.Service);
            var path = parameter.Value.Trim();
            if (path.Length == 0 || (postfix.Version.AtLeast(3, 7) && path.Equals("auto", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (!files.TryGetValue(path, out var entry))
            {
                files[path] = entry = (parameter, []);
            }

            entry.Services.Add(service);
        }

        return [.. files.Select(f => ReadDh(f.Key, f.Value.Parameter, f.Value.Services))];
    }

    private static DhParameterFile ReadDh(string path, ResolvedParameter parameter, List<InboundTlsSettings> services)
    {
        var file = new DhParameterFile
        {
            Parameter = parameter,
            Services = [.. services.Select(s => s.ServiceName).Distinct()],
            ReceivesFromMtas = services.Any(s => s.ReceivesFromMtas),
        };
        if (ReadPem(path) is not { } blocks)
        {
            return file with { Problem = Failure(path).Message };
        }

        return DhParameters.TryRead(blocks, out var parameters, out var problem)
            ? file with { Parameters = parameters }
            : file with { Problem = problem };
    }

    private static IEnumerable<(ResolvedParameter Cert, ResolvedParameter? Key)> Pairs(PostfixConfiguration config, MasterService? service, PostfixVersion version)
    {
        if (version.AtLeast(3, 4) && config.Resolve("smtpd_tls_chain_files", service) is { Value.Length: > 0 } chain)
        {
            // smtpd_tls_chain_files replaces the per-algorithm parameters when set (Postfix 3.4+).
            yield return (chain, null);
            yield break;
        }

        foreach (var (certName, keyName) in new[] { ("smtpd_tls_cert_file", "smtpd_tls_key_file"), ("smtpd_tls_eccert_file", "smtpd_tls_eckey_file") })
        {
            var cert = config.Resolve(certName, service);
            if (cert.Value.Trim() is "" or "none")
            {
                continue;
            }

            var key = config.Resolve(keyName, service);
            yield return (cert, key.Value == cert.Value ? null : key);
        }
    }

    private static CertificateSlot Read(ResolvedParameter cert, ResolvedParameter? key, List<InboundTlsSettings> services, PostfixConfiguration config, List<X509Certificate2> roots)
    {
        var first = services[0].Service;
        var slot = new CertificateSlot
        {
            Services = [.. services.Select(s => s.ServiceName).Distinct()],
            CertificateParameter = cert,
            KeyParameter = key,
            HostName = config.Resolve("myhostname", first).Value,
            ReceivesFromMtas = services.Any(s => s.ReceivesFromMtas),
        };
        var certBlocks = new List<PemBlock>();
        var problems = new List<ConfigProblem>();
        foreach (var path in cert.Value.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (ReadPem(path, problems) is not { } blocks)
            {
                return slot with { ReadFailure = Failure(path) };
            }

            certBlocks.AddRange(blocks);
        }

        var keyBlocks = new List<PemBlock>();
        if (key is not null)
        {
            if (ReadPem(key.Value.Trim(), problems) is not { } blocks)
            {
                return slot with { ReadFailure = Failure(key.Value.Trim()) };
            }

            keyBlocks.AddRange(blocks);
        }

        // smtpd loads smtpd_tls_CAfile into the verify store, from which OpenSSL completes a short chain.
        var caFile = config.Resolve("smtpd_tls_CAfile", first).Value.Trim();
        var autoChain = caFile.Length > 0 ? ReadPem(caFile, problems) ?? [] : [];
        var report = CertificateFileAnalyzer.Analyze(certBlocks, keyBlocks, roots, autoChain);
        return slot with { Report = report with { Problems = [.. problems, .. report.Problems] } };
    }

    private static List<PemBlock>? ReadPem(string path, List<ConfigProblem>? problems = null)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxFileBytes)
            {
                return null;
            }

            var (blocks, pemProblems) = PemFile.Parse(File.ReadAllText(path), path);
            problems?.AddRange(pemProblems);
            return [.. blocks];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static ProbeFailure Failure(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return new ProbeFailure(path, FailureReason.NotFound, "no such file");
            }

            if (info.Length > MaxFileBytes)
            {
                return new ProbeFailure(path, FailureReason.InvalidData, $"{info.Length} bytes is too large for a certificate or key file");
            }

            using var stream = info.OpenRead();
            return new ProbeFailure(path, FailureReason.InvalidData, "the file could not be read");
        }
        catch (UnauthorizedAccessException e)
        {
            return new ProbeFailure(path, FailureReason.PermissionDenied, e.Message);
        }
        catch (IOException e)
        {
            return new ProbeFailure(path, FailureReason.InvalidData, e.Message);
        }
    }
}
