using System.Net;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;
using MailTls.Core.Dns;
using MailTls.Core.Evidence;

namespace MailTls.Collectors.Dns;

public sealed partial class DnsCollector
{
    /// <summary>
    /// One question, end to end: ask, map the response code, walk the CNAME chain from the asked
    /// name (RFC 1034 section 3.6.2), keep the records of the asked type at its end, and derive
    /// the DNSSEC status.
    /// </summary>
    private async Task<DnsAnswer<T>> QueryAsync<T>(string name, QueryType type, Func<DnsResourceRecord, T?> select, CancellationToken cancellationToken)
    {
        var fqdn = Fqdn(name);
        var typeName = type.ToString();
        if (client is null)
        {
            return Failed<T>(fqdn, typeName, DnsResponseStatus.NoResponse, DnssecStatus.Indeterminate, FailureReason.Unreachable,
                "no name server is configured in /etc/resolv.conf; pass one with --dns SERVER[:PORT]", null);
        }

        // DnsClient enforces the per-attempt timeout; this deadline also bounds retries and the TCP fallback.
        var overall = options.Timeout * ((options.Retries + 1) * 2) + TimeSpan.FromSeconds(1);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(overall);
        IDnsQueryResponse response;
        try
        {
            response = await client.QueryAsync(new DnsQuestion(fqdn, type, QueryClass.IN), deadline.Token);
        }
        catch (DnsResponseException e) when (e.Code == DnsResponseCode.ConnectionTimeout)
        {
            return Failed<T>(fqdn, typeName, DnsResponseStatus.NoResponse, DnssecStatus.Indeterminate, FailureReason.Timeout,
                Invariant($"no answer from {Servers} within {options.Timeout.TotalSeconds:0.#} s ({options.Retries + 1} attempts); is the resolver running and reachable?"),
                e.AuditTrail);
        }
        catch (DnsResponseParseException e)
        {
            // Bad peer data (a compression loop, a length past the end): evidence, not a crash.
            return Failed<T>(fqdn, typeName, DnsResponseStatus.OtherError, DnssecStatus.Indeterminate, FailureReason.InvalidData,
                Invariant($"the response from {Servers} for {fqdn} {typeName} is malformed: {e.Message.ReplaceLineEndings(" ")}"), null);
        }
        catch (DnsResponseException e)
        {
            var reason = e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
                ? FailureReason.Refused
                : FailureReason.Unreachable;
            return Failed<T>(fqdn, typeName, DnsResponseStatus.NoResponse, DnssecStatus.Indeterminate, reason,
                Invariant($"the resolver {Servers} could not be asked: {e.Message}"), e.AuditTrail);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed<T>(fqdn, typeName, DnsResponseStatus.NoResponse, DnssecStatus.Indeterminate, FailureReason.Timeout,
                Invariant($"no answer from {Servers} within {overall.TotalSeconds:0.#} s"), null);
        }
        catch (SocketException e)
        {
            var reason = e.SocketErrorCode == SocketError.ConnectionRefused ? FailureReason.Refused : FailureReason.Unreachable;
            return Failed<T>(fqdn, typeName, DnsResponseStatus.NoResponse, DnssecStatus.Indeterminate, reason,
                Invariant($"the resolver {Servers} could not be reached: {e.Message}"), null);
        }

        var server = ParseServer(response.NameServer) ?? servers[0];
        var status = response.Header.ResponseCode switch
        {
            DnsHeaderResponseCode.NoError => DnsResponseStatus.NoError,
            DnsHeaderResponseCode.NotExistentDomain => DnsResponseStatus.NxDomain,
            DnsHeaderResponseCode.ServerFailure => DnsResponseStatus.ServerFailure,
            DnsHeaderResponseCode.Refused => DnsResponseStatus.Refused,
            _ => DnsResponseStatus.OtherError,
        };

        switch (status)
        {
            case DnsResponseStatus.ServerFailure:
                {
                    // RFC 4035 section 5.5: a validating resolver turns a bogus answer into SERVFAIL.
                    // Asking again with CD set tells validation failure from a broken zone or server.
                    var withoutValidation = await CheckingDisabledProbe.QueryAsync(server, fqdn, TypeCode(type), options.Timeout, cancellationToken);
                    var bogus = withoutValidation is DnsResponseStatus.NoError or DnsResponseStatus.NxDomain;
                    var message = bogus
                        ? Invariant($"{server} answered SERVFAIL for {fqdn} {typeName} but answers with checking disabled: the DNSSEC signatures do not validate (bogus)")
                        : Invariant($"{server} answered SERVFAIL for {fqdn} {typeName}, also with checking disabled: the zone's servers are failing or unreachable");
                    return Failed<T>(fqdn, typeName, status, bogus ? DnssecStatus.Bogus : DnssecStatus.Indeterminate,
                        FailureReason.ServerError, message, response.AuditTrail, server);
                }

            case DnsResponseStatus.Refused or DnsResponseStatus.OtherError:
                return Failed<T>(fqdn, typeName, status, DnssecStatus.Indeterminate, FailureReason.ServerError,
                    Invariant($"{server} answered {response.Header.ResponseCode} for {fqdn} {typeName}"), response.AuditTrail, server);
        }

        // Walk the CNAME chain from the asked name; bounded by the answer's size, and a loop stops it.
        var chain = new List<string>();
        var current = fqdn;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { current };
        while (response.Answers.OfType<CNameRecord>().FirstOrDefault(c => SameName(c.DomainName.Value, current)) is { } cname)
        {
            current = cname.CanonicalName.Value;
            if (!seen.Add(current))
            {
                return Failed<T>(fqdn, typeName, DnsResponseStatus.OtherError, DnssecStatus.Indeterminate, FailureReason.InvalidData,
                    Invariant($"the CNAME chain from {fqdn} loops back to {current}"), response.AuditTrail, server);
            }

            chain.Add(current);
        }

        var records = new List<T>();
        foreach (var record in response.Answers)
        {
            if (SameName(record.DomainName.Value, current) && select(record) is { } value)
            {
                records.Add(value);
            }
        }

        var ttl = response.Answers.Count > 0
            ? TimeSpan.FromSeconds(response.Answers.Min(a => a.InitialTimeToLive))
            : TimeSpan.Zero;
        var dnssec = !trustAdBit ? DnssecStatus.Indeterminate
            : response.Header.IsAuthenticData ? DnssecStatus.Secure
            : DnssecStatus.Insecure;
        return new DnsAnswer<T>(fqdn, typeName, status, dnssec, records, chain, ttl, Describe(server), null);
    }

    private DnsAnswer<T> Failed<T>(
        string fqdn, string typeName, DnsResponseStatus status, DnssecStatus dnssec, FailureReason reason, string message, string? transcript, IPEndPoint? server = null) =>
        new(fqdn, typeName, status, dnssec, [], [], TimeSpan.Zero, server is null ? Servers : Describe(server),
            new ProbeFailure(Invariant($"{fqdn} {typeName}"), reason, message, string.IsNullOrEmpty(transcript) ? null : transcript));

    private static bool SameName(string a, string b) =>
        string.Equals(a.TrimEnd('.'), b.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);

    private static IPEndPoint? ParseServer(NameServer? nameServer) =>
        nameServer?.Address is { } address && IPAddress.TryParse(address, out var ip) ? new IPEndPoint(ip, nameServer.Port) : null;
}
