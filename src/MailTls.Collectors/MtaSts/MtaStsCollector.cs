using System.Globalization;
using MailTls.Collectors.Dns;
using MailTls.Core.Dns;
using MailTls.Core.MtaSts;

namespace MailTls.Collectors.MtaSts;

/// <summary>
/// Collects a domain's MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) evidence as a sender would: the
/// <c>_mta-sts</c> and <c>_smtp._tls</c> TXT records and the MX hosts through
/// <see cref="DnsCollector"/> (so <c>--dns</c> applies), then the policy over HTTPS from
/// <c>mta-sts.DOMAIN</c>, resolved through the same collector.
/// <para>
/// Diagnostics: nothing is thrown for DNS, network or peer trouble; each step's outcome is in the
/// returned <see cref="MtaStsEvidence"/>. Every step has a deadline.
/// </para>
/// </summary>
public sealed partial class MtaStsCollector
{
    private readonly DnsCollector dns;
    private readonly MtaStsCollectorOptions options;

    /// <summary>Creates a collector that resolves names through <paramref name="dns"/>.</summary>
    /// <param name="dns">The DNS collector (honours <c>--dns</c>).</param>
    /// <param name="options">Deadlines; the defaults when null.</param>
    public MtaStsCollector(DnsCollector dns, MtaStsCollectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dns);
        this.dns = dns;
        this.options = options ?? new MtaStsCollectorOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(this.options.Timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(this.options.Port);
    }

    /// <summary>Looks up both records and the MX hosts, and fetches the policy if a record invites it.</summary>
    /// <param name="domain">The mail domain, e.g. <c>example.com</c>.</param>
    /// <param name="cancellationToken">Cancels every step.</param>
    /// <returns>The evidence; failures are inside it.</returns>
    public async Task<MtaStsEvidence> CollectAsync(string domain, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        var name = domain.Trim().TrimEnd('.');
        var stsTask = dns.QueryTxtAsync("_mta-sts." + name, cancellationToken);
        var rptTask = dns.QueryTxtAsync("_smtp._tls." + name, cancellationToken);
        var mxTask = dns.ResolveMailHostsAsync(name, cancellationToken);
        var sts = await stsTask;
        var record = MtaStsRecord.Select(sts.Records);

        // RFC 8461 section 3.3: senders fetch only when a v=STSv1 record exists. mailtls also fetches
        // when that record is invalid, so one run shows every problem.
        MtaStsFetch? fetch = null;
        MtaStsPolicyParse? policy = null;
        if (!record.IsAbsent)
        {
            fetch = await FetchPolicyAsync(name, cancellationToken);
            if (fetch.Body is { } body)
            {
                policy = MtaStsPolicy.Parse(body.Span);
            }
        }

        var rpt = await rptTask;
        return new MtaStsEvidence(name, sts, record, rpt, TlsRptRecord.Select(rpt.Records), fetch, policy, await mxTask);
    }

    private string PolicyUrl(string host) => options.Port == 443
        ? $"https://{host}/.well-known/mta-sts.txt"
        : string.Create(CultureInfo.InvariantCulture, $"https://{host}:{options.Port}/.well-known/mta-sts.txt");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<string> Describe(DnsAnswer<System.Net.IPAddress> answer) =>
        answer.Failure is { } failure ? [failure.Message] : [];
}
