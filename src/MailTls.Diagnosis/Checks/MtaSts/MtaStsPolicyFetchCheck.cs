using MailTls.Core.MtaSts;
using MailTls.Diagnosis.Findings;

namespace MailTls.Diagnosis.Checks.MtaSts;

/// <summary>
/// A domain that publishes <c>_mta-sts</c> but whose policy cannot be fetched by RFC 8461 section
/// 3.3's rules (<c>mta-sts-policy-unreachable</c>): senders without a cached copy treat the domain
/// as having no policy, and those with one keep the old copy until it expires.
/// </summary>
public sealed class MtaStsPolicyFetchCheck : ICheck
{
    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        foreach (var sts in evidence.MtaSts)
        {
            if (sts.Fetch is not { } fetch || fetch.Outcome == MtaStsFetchOutcome.Fetched)
            {
                continue;
            }

            var (cause, fix) = Explain(sts, fetch);
            yield return FindingCatalogue.MtaStsPolicyUnreachable.Raise(
                $"{sts.Domain} publishes an _mta-sts record but {cause}, so senders cannot use its policy (TLS-RPT reports say sts-policy-fetch-error).",
                [new SourceEvidence(fetch.Url, fetch.Endpoint is null ? fetch.Detail : $"{fetch.Detail} (from {fetch.Endpoint})")],
                new Remediation(fix, [.. Steps(sts, fetch), MtaStsText.Curl(sts)]),
                affected: [sts.PolicyHost]);
        }
    }

    private static (string Cause, string Fix) Explain(MtaStsEvidence sts, MtaStsFetch fetch) => fetch.Outcome switch
    {
        MtaStsFetchOutcome.NameNotResolved => ($"{sts.PolicyHost} does not resolve", $"Publish an address for {sts.PolicyHost} pointing at a web server that serves the policy."),
        MtaStsFetchOutcome.ConnectFailed => ($"nothing accepts connections on {sts.PolicyHost} port 443", "Start the web server on port 443 or open the firewall for it."),
        MtaStsFetchOutcome.CertificateInvalid => ($"the certificate of {sts.PolicyHost} is not valid for it", $"Serve a certificate from a public CA that names {sts.PolicyHost}, with its intermediate certificates."),
        MtaStsFetchOutcome.TlsFailed => ($"the TLS handshake with {sts.PolicyHost} fails", "Enable TLS 1.2 or 1.3 with current cipher suites on the web server."),
        MtaStsFetchOutcome.ProtocolError => ($"{sts.PolicyHost} does not answer as an HTTPS server should", "Check the web server's log for the request to /.well-known/mta-sts.txt."),
        MtaStsFetchOutcome.Redirect => ($"{fetch.Url} redirects to {fetch.Location ?? "another URL"}, and senders must not follow redirects (RFC 8461 section 3.3)", "Serve the policy directly at the URL, with status 200, instead of redirecting."),
        MtaStsFetchOutcome.HttpStatus => ($"{fetch.Url} answers HTTP {fetch.StatusCode}, and senders accept only 200", "Put the policy file where the URL points and make the server answer 200."),
        MtaStsFetchOutcome.WrongContentType => ($"{fetch.Url} is served as {fetch.ContentType ?? "no media type"}, not text/plain (RFC 8461 section 3.2)", "Serve the policy with Content-Type: text/plain."),
        MtaStsFetchOutcome.TooLarge => ($"the body of {fetch.Url} exceeds the size senders read", "Serve only the policy: a few short lines."),
        MtaStsFetchOutcome.Timeout => ($"{sts.PolicyHost} does not answer in time ({fetch.Detail})", "Check that the web server answers promptly; senders give up after a short timeout."),
        _ => throw new ArgumentOutOfRangeException(nameof(fetch), fetch.Outcome, "unknown fetch outcome"),
    };

    private static IEnumerable<string> Steps(MtaStsEvidence sts, MtaStsFetch fetch) => fetch.Outcome switch
    {
        MtaStsFetchOutcome.NameNotResolved => [$"{sts.PolicyHost}. IN A <web server address>"],
        MtaStsFetchOutcome.Redirect or MtaStsFetchOutcome.WrongContentType or MtaStsFetchOutcome.HttpStatus =>
            [$"nginx: location = /.well-known/mta-sts.txt {{ default_type text/plain; alias /etc/nginx/mta-sts.txt; }}  # in the server block for {sts.PolicyHost}"],
        _ => [],
    };
}
