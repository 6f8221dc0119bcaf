namespace MailTls.Core.Probe;

/// <summary>What a probe cost the server, for comparison with other scanners and for politeness.</summary>
/// <param name="TcpConnections">TCP connections opened (successful or not).</param>
/// <param name="RawHellos">ClientHellos sent by mailtls's own engine.</param>
/// <param name="FullHandshakes">Complete handshakes through the system TLS library (OpenSSL).</param>
/// <param name="Elapsed">Wall time of the probe.</param>
/// <param name="ResumptionConnections">Connections of the session resumption test (its own handshakes and the resuming hellos), included in <paramref name="TcpConnections"/>.</param>
public sealed record ProbeCounts(int TcpConnections, int RawHellos, int FullHandshakes, TimeSpan Elapsed, int ResumptionConnections = 0)
{
    /// <summary>Handshakes of every kind (each resumption connection starts one).</summary>
    public int Handshakes => RawHellos + FullHandshakes + ResumptionConnections;
}
