using System.Net;

namespace MailTls.IntegrationTests.Fixtures;

/// What a test leaf certificate should contain. Validity defaults to one day ago until thirty
/// days ahead; give past or future bounds for expired or not-yet-valid leaves. Issued leaves must
/// stay inside the CA's validity (ten years either side of now).
internal sealed record LeafSpec(string CommonName)
{
    public IReadOnlyList<string> DnsNames { get; init; } = [];

    public IReadOnlyList<IPAddress> IpAddresses { get; init; } = [];

    public KeyAlgorithm Key { get; init; } = KeyAlgorithm.Rsa2048;

    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? NotAfter { get; init; }

    /// A leaf for servers on this machine: CN and SAN localhost and <paramref name="hostName"/>,
    /// plus 127.0.0.1 and ::1.
    public static LeafSpec ForLoopback(string hostName, KeyAlgorithm key = KeyAlgorithm.Rsa2048)
    {
        return new LeafSpec(hostName)
        {
            DnsNames = [hostName, "localhost"],
            IpAddresses = [IPAddress.Loopback, IPAddress.IPv6Loopback],
            Key = key,
        };
    }
}
