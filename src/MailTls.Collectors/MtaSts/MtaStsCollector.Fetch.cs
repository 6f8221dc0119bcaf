using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MailTls.Core.MtaSts;

namespace MailTls.Collectors.MtaSts;

public sealed partial class MtaStsCollector
{
    /// <summary>Largest response header block accepted, in KiB; a policy server needs a few hundred bytes.</summary>
    private const int MaxResponseHeadersKiB = 16;

    /// <summary>
    /// Fetches <c>https://mta-sts.DOMAIN/.well-known/mta-sts.txt</c> by the rules of RFC 8461
    /// section 3.3: HTTPS only, a certificate valid for <c>mta-sts.DOMAIN</c> (PKIX, RFC 6125),
    /// redirects not followed, only 200 accepted, <c>text/plain</c> (section 3.2), the size bounded
    /// by <see cref="MtaStsPolicy.MaxBytes"/>, and no HTTP cache. The host is resolved through the
    /// DNS collector, and the connection goes to that address with SNI <c>mta-sts.DOMAIN</c>.
    /// </summary>
    /// <param name="domain">The mail domain.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>How it ended, with the body when it was fetched; never throws for network or peer trouble.</returns>
    public async Task<MtaStsFetch> FetchPolicyAsync(string domain, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        var host = "mta-sts." + domain.Trim().TrimEnd('.');
        var url = PolicyUrl(host);
        var v4 = dns.QueryAddressesAsync(host, AddressFamily.InterNetwork, cancellationToken);
        var v6 = dns.QueryAddressesAsync(host, AddressFamily.InterNetworkV6, cancellationToken);
        var answers = new[] { await v4, await v6 };
        var addresses = answers.SelectMany(a => a.Records).ToList();
        if (addresses.Count == 0)
        {
            var why = answers.SelectMany(Describe).ToList();
            return new MtaStsFetch(url, MtaStsFetchOutcome.NameNotResolved, why.Count > 0
                ? $"{host} could not be resolved: {string.Join("; ", why)}"
                : $"{host} has no A or AAAA record");
        }

        var attempt = new FetchAttempt();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var handler = CreateHandler(host, addresses, attempt, deadline);
        using var client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Version = HttpVersion.Version11 };

        // RFC 8461 section 3.3: "HTTP caching MUST NOT be used"; ask intermediaries for a fresh copy too.
        request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("mailtls", typeof(MtaStsCollector).Assembly.GetName().Version?.ToString(3) ?? "0"));
        try
        {
            attempt.Phase = "connecting";
            deadline.CancelAfter(options.Timeout * (addresses.Count + 1));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            return await ReadResponseAsync(url, response, attempt, deadline);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new MtaStsFetch(url, MtaStsFetchOutcome.Timeout,
                Invariant($"no progress within {options.Timeout.TotalSeconds:0.#} s while {attempt.Phase}"), attempt.Endpoint);
        }
        catch (HttpRequestException e)
        {
            return Failed(url, e, attempt);
        }
        catch (IOException e)
        {
            return new MtaStsFetch(url, MtaStsFetchOutcome.ProtocolError, $"the connection failed while {attempt.Phase}: {e.Message}", attempt.Endpoint);
        }
    }

    private async Task<MtaStsFetch> ReadResponseAsync(string url, HttpResponseMessage response, FetchAttempt attempt, CancellationTokenSource deadline)
    {
        var status = (int)response.StatusCode;
        var contentType = response.Content.Headers.ContentType;
        var statusLine = Invariant($"HTTP/{response.Version} {status} {response.ReasonPhrase}");
        if (status is >= 300 and < 400)
        {
            // RFC 8461 section 3.3: "HTTP 3xx redirects MUST NOT be followed".
            var location = response.Headers.Location?.OriginalString;
            return new MtaStsFetch(url, MtaStsFetchOutcome.Redirect, $"{statusLine} to {location ?? "(no Location)"}",
                attempt.Endpoint, status, contentType?.ToString(), location);
        }

        if (status != 200)
        {
            return new MtaStsFetch(url, MtaStsFetchOutcome.HttpStatus, statusLine, attempt.Endpoint, status, contentType?.ToString());
        }

        if (!string.Equals(contentType?.MediaType, "text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return new MtaStsFetch(url, MtaStsFetchOutcome.WrongContentType,
                $"{statusLine} with Content-Type {contentType?.ToString() ?? "(none)"}; RFC 8461 section 3.2 requires text/plain",
                attempt.Endpoint, status, contentType?.ToString());
        }

        if (response.Content.Headers.ContentLength is > MtaStsPolicy.MaxBytes and var declared)
        {
            return TooLarge(url, attempt, status, contentType, Invariant($"Content-Length {declared}"));
        }

        attempt.Phase = "reading the response body";
        deadline.CancelAfter(options.Timeout);
        var buffer = new byte[MtaStsPolicy.MaxBytes + 1];
        var length = 0;
        await using (var stream = await response.Content.ReadAsStreamAsync(deadline.Token))
        {
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), deadline.Token)) > 0)
            {
                length += read;
            }
        }

        if (length > MtaStsPolicy.MaxBytes)
        {
            return TooLarge(url, attempt, status, contentType, Invariant($"more than {MtaStsPolicy.MaxBytes} bytes"));
        }

        return new MtaStsFetch(url, MtaStsFetchOutcome.Fetched, Invariant($"{statusLine}, {contentType}, {length} bytes"),
            attempt.Endpoint, status, contentType?.ToString(), Body: buffer.AsMemory(0, length).ToArray());
    }

    private static MtaStsFetch TooLarge(string url, FetchAttempt attempt, int status, MediaTypeHeaderValue? contentType, string size) =>
        new(url, MtaStsFetchOutcome.TooLarge,
            Invariant($"the body is {size}; mailtls reads at most {MtaStsPolicy.MaxBytes} bytes (RFC 8461 section 3.3 lets senders limit the size)"),
            attempt.Endpoint, status, contentType?.ToString());

    private static MtaStsFetch Failed(string url, HttpRequestException e, FetchAttempt attempt)
    {
        if (attempt.CertificateProblem is { } certificate)
        {
            return new MtaStsFetch(url, MtaStsFetchOutcome.CertificateInvalid, certificate, attempt.Endpoint);
        }

        if (attempt.ConnectError is { } connect)
        {
            return new MtaStsFetch(url, MtaStsFetchOutcome.ConnectFailed, connect, attempt.Endpoint);
        }

        var outcome = e.InnerException is AuthenticationException ? MtaStsFetchOutcome.TlsFailed : MtaStsFetchOutcome.ProtocolError;
        var message = e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
        return new MtaStsFetch(url, outcome, $"failed while {attempt.Phase}: {message}", attempt.Endpoint);
    }

    private SocketsHttpHandler CreateHandler(string host, IReadOnlyList<IPAddress> addresses, FetchAttempt attempt, CancellationTokenSource deadline) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        MaxResponseHeadersLength = MaxResponseHeadersKiB,
        MaxConnectionsPerServer = 1,
        ConnectCallback = (context, token) => ConnectAsync(addresses, attempt, deadline, token),
        SslOptions = new SslClientAuthenticationOptions
        {
            // The request URI's host is the SNI name and the name checked (RFC 8461 section 3.3).
            TargetHost = host,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Validate(host, certificate, chain, errors, attempt),
        },
    };

    /// <summary>Connects to the addresses DNS gave, in order, each within the timeout.</summary>
    private async ValueTask<Stream> ConnectAsync(IReadOnlyList<IPAddress> addresses, FetchAttempt attempt, CancellationTokenSource deadline, CancellationToken token)
    {
        var errors = new List<string>();
        foreach (var address in addresses)
        {
            var endpoint = new IPEndPoint(address, options.Port);
            var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var attemptDeadline = CancellationTokenSource.CreateLinkedTokenSource(token);
            attemptDeadline.CancelAfter(options.Timeout);
            try
            {
                await socket.ConnectAsync(endpoint, attemptDeadline.Token);
                attempt.Endpoint = endpoint.ToString();
                attempt.Phase = "in the TLS handshake or waiting for the response headers";
                deadline.CancelAfter(options.Timeout);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                errors.Add($"{endpoint}: {e.Message}");
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                socket.Dispose();
                errors.Add(Invariant($"{endpoint}: no answer within {options.Timeout.TotalSeconds:0.#} s"));
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        attempt.ConnectError = string.Join("; ", errors);
        throw new HttpRequestException(HttpRequestError.ConnectionError, attempt.ConnectError);
    }

    /// <summary>
    /// PKIX validation of the policy host's certificate (RFC 8461 section 3.3). The system's roots
    /// decide; test roots may add trust for a chain, but a wrong name or an unreadable chain fails.
    /// </summary>
    private bool Validate(string host, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, FetchAttempt attempt)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            attempt.CertificateProblem = $"{host} sent no certificate";
            return false;
        }

        using var leaf = new X509Certificate2(certificate);
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            attempt.CertificateProblem = $"the certificate ({leaf.Subject}, names {string.Join(", ", Names(leaf))}) is not valid for {host}";
            return false;
        }

        var statuses = chain?.ChainStatus ?? [];
        if (options.ExtraTrustRoots.Count > 0 && chain is not null)
        {
            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            custom.ChainPolicy.CustomTrustStore.AddRange(options.ExtraTrustRoots.ToArray());
            custom.ChainPolicy.ExtraStore.AddRange(chain.ChainElements.Select(e => e.Certificate).ToArray());
            if (custom.Build(leaf))
            {
                return true;
            }

            // With the test roots trusted, what remains wrong (dates, usage) is the problem to report.
            statuses = custom.ChainStatus;
        }

        var status = statuses.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct().ToList();
        attempt.CertificateProblem = $"the certificate of {host} ({leaf.Subject}, issued by {leaf.Issuer}, valid {leaf.NotBefore.ToUniversalTime():yyyy-MM-dd} to {leaf.NotAfter.ToUniversalTime():yyyy-MM-dd}) does not validate: {(status.Count > 0 ? string.Join("; ", status) : errors.ToString())}";
        return false;
    }

    private static IEnumerable<string> Names(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames()).DefaultIfEmpty("none");

    /// <summary>What the handler's callbacks learned, for the outcome when the request throws.</summary>
    private sealed class FetchAttempt
    {
        public string Phase { get; set; } = "starting";

        public string? Endpoint { get; set; }

        public string? CertificateProblem { get; set; }

        public string? ConnectError { get; set; }
    }
}
