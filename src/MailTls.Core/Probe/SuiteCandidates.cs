using MailTls.Core.Tls;

namespace MailTls.Core.Probe;

/// <summary>
/// The cipher suites a probe offers for one protocol version, ordered so that the suites real
/// servers accept come first: bundles are capped in size, and when every accepted suite falls into
/// the first bundle, the order in which the server picks them is already its preference order and
/// no merge pass is needed.
/// </summary>
public static class SuiteCandidates
{
    /// <summary>Every registry suite that can be negotiated in <paramref name="version"/>, most likely accepted first.</summary>
    /// <param name="version">SSLv3 to TLS 1.3.</param>
    /// <returns>The suites, without signalling values.</returns>
    public static IReadOnlyList<CipherSuiteInfo> For(TlsProtocolVersion version)
    {
        if (version >= TlsProtocolVersion.Tls13)
        {
            return [.. CipherSuiteRegistry.All.Where(s => s.IsTls13).OrderBy(Tier).ThenBy(s => s.Code)];
        }

        return [.. CipherSuiteRegistry.All
            .Where(s => !s.IsTls13 && s.Strength != CipherStrength.Signalling && s.MinimumProtocol != TlsProtocolVersion.None && s.MinimumProtocol <= version)
            .OrderBy(Tier)
            .ThenBy(s => s.Code)];
    }

    // Tier 0: what OpenSSL 3 builds into DEFAULT and a mail server plausibly accepts; tier 4: never
    // implemented by OpenSSL, so found only on exotic servers.
    private static int Tier(CipherSuiteInfo suite)
    {
        if (suite.OpenSslName is null)
        {
            return 4;
        }

        if (suite.KeyExchange is KeyExchangeAlgorithm.Psk or KeyExchangeAlgorithm.DhePsk or KeyExchangeAlgorithm.RsaPsk
            or KeyExchangeAlgorithm.EcdhePsk or KeyExchangeAlgorithm.Srp or KeyExchangeAlgorithm.Kerberos
            or KeyExchangeAlgorithm.Gost or KeyExchangeAlgorithm.Dh or KeyExchangeAlgorithm.Ecdh)
        {
            return 3;
        }

        return suite.Strength switch
        {
            CipherStrength.High when suite.HasForwardSecrecy => 0,
            CipherStrength.High => 1,
            _ => 2,
        };
    }
}
