using System.Security.Cryptography;
using MailTls.Core.Tls;

namespace MailTls.IntegrationTests.Hostile;

/// Servers for mailtls's session-resumption client (ResumptionExchange): they complete the first
/// handshake with real keys far enough to misbehave where only that client looks (Finished,
/// NewSessionTicket, the resumed ServerHello). A hello that offers a session id, a ticket or a PSK
/// is the client's second connection, and is resumed (TLS 1.2: a real abbreviated handshake from
/// the case's one-session cache) unless the case says otherwise.
internal static partial class HostileCases
{
    public static IReadOnlyList<HostileCase> Resumption(HostileMaterial material)
    {
        var leaf = material.Leaf.RawData;
        var ticket = RandomNumberGenerator.GetBytes(160);
        return
        [
            // TLS 1.2 (the client tests session id and ticket)
            Tls12Case("tls12-resumes", "completes the full handshake, issues a session id and a ticket, and resumes both (the control case)", leaf,
                (c, h, ct) => Tls12EndAsync(c, h, HostileTls12Handshake.TicketBody(ticket), validFinished: true, ct)),
            Tls12Case("tls12-wrong-finished", "ends every full handshake with a Finished that does not verify", leaf,
                (c, h, ct) => Tls12EndAsync(c, h, HostileTls12Handshake.TicketBody(ticket), validFinished: false, ct)),
            Tls12Case("tls12-garbage-ticket", "sends a NewSessionTicket of two bytes of noise, then a valid Finished", leaf,
                (c, h, ct) => Tls12EndAsync(c, h, [0x5A, 0xA5], validFinished: true, ct)),
            Tls12Case("tls12-oversized-ticket", "announces a NewSessionTicket of 16 MiB and sends its body for ever", leaf, async (c, h, ct) =>
            {
                if (!h.TicketAgreed)
                {
                    await Tls12EndAsync(c, h, null, validFinished: true, ct);
                    return;
                }

                await c.SendAsync(HostileTls.Record(TlsContentType.Handshake, [(byte)TlsHandshakeType.NewSessionTicket, 0xFF, 0xFF, 0xFF]), ct);
                var filler = HostileTls.Record(TlsContentType.Handshake, new byte[1 << 14]);
                while (true)
                {
                    await c.SendAsync(filler, ct);
                }
            }),
            new("tls12-reset-mid-flight", "sends half of its ServerHello .. ServerHelloDone flight, then resets", (c, ct) => Tls12ResetAsync(c, leaf, ct)),
            Tls12Case("tls12-stall-after-client-finished", "reads the client's Finished and never sends its own", leaf, static (c, _, ct) => c.HoldAsync(ct)),
            Tls12Case("tls12-echoes-without-resuming", "echoes every offered session id, then goes on with a full handshake (Certificate)", leaf,
                (c, h, ct) => Tls12EndAsync(c, h, HostileTls12Handshake.TicketBody(ticket), validFinished: true, ct),
                (h, _) => h.EchoThenFullFlight(leaf)),
            Tls12Case("tls12-resumed-wrong-finished", "resumes with the cached session, but its Finished does not verify", leaf,
                (c, h, ct) => Tls12EndAsync(c, h, HostileTls12Handshake.TicketBody(ticket), validFinished: true, ct),
                (h, master) => h.ResumedFlight(master, validFinished: false)),

            // TLS 1.3 (the client tests the ticket as a PSK)
            new("tls13-psk-resumes", "completes the handshake, sends a ticket, and accepts it as a PSK (the control case)", (c, ct) =>
                Tls13TicketAsync(c, leaf, h => c.SendAsync(h.SealApplication(TlsContentType.Handshake, HostileTls13Handshake.NewSessionTicket(ticket)), ct), ct)),
            new("tls13-wrong-finished", "ends its flight with a Finished that does not verify", static async (c, ct) =>
            {
                var hello = await Tls13HelloAsync(c, ct);
                using var handshake = new HostileTls13Handshake(hello);
                await c.SendAsync((byte[])[.. handshake.ServerHello(), .. handshake.Protect(HostileTls13Handshake.Flight([[0x30, 0x00]])), .. handshake.Protect(handshake.Finished(valid: false))], ct);
                await c.HoldAsync(ct);
            }),
            new("tls13-garbage-ticket", "sends a NewSessionTicket of two bytes of noise", (c, ct) =>
                Tls13TicketAsync(c, leaf, h => c.SendAsync(h.SealApplication(TlsContentType.Handshake, HostileTls.Handshake(TlsHandshakeType.NewSessionTicket, [0x5A, 0xA5])), ct), ct)),
            new("tls13-oversized-ticket", "announces a NewSessionTicket of 16 MiB and sends its body for ever", (c, ct) =>
                Tls13TicketAsync(c, leaf, async h =>
                {
                    await c.SendAsync(h.SealApplication(TlsContentType.Handshake, [(byte)TlsHandshakeType.NewSessionTicket, 0xFF, 0xFF, 0xFF]), ct);
                    var filler = new byte[1 << 14];
                    while (true)
                    {
                        await c.SendAsync(h.SealApplication(TlsContentType.Handshake, filler), ct);
                    }
                }, ct)),
            new("tls13-endless-post-handshake", "follows its Finished with KeyUpdate-typed messages for ever, never a ticket", (c, ct) =>
                Tls13TicketAsync(c, leaf, async h =>
                {
                    var updates = Enumerable.Range(0, 1000).SelectMany(_ => HostileTls.Handshake(TlsHandshakeType.KeyUpdate, [0])).ToArray();
                    while (true)
                    {
                        await c.SendAsync(h.SealApplication(TlsContentType.Handshake, updates), ct);
                    }
                }, ct)),
            new("tls13-hello-retry", "answers the first handshake's hello with a HelloRetryRequest for secp384r1", static async (c, ct) =>
            {
                var hello = await Tls13HelloAsync(c, ct);
                await c.SendAsync(HostileTls13Handshake.HelloRetryRequest(hello, TlsNamedGroup.Secp384r1), ct);
                await c.HoldAsync(ct);
            }),
            new("tls13-alert-flood-after-finished", "follows its Finished with encrypted warning alerts for ever", (c, ct) =>
                Tls13TicketAsync(c, leaf, async h =>
                {
                    while (true)
                    {
                        await c.SendAsync((byte[])[.. Enumerable.Range(0, 100).SelectMany(_ => h.SealApplication(TlsContentType.Alert, [(byte)TlsAlertLevel.Warning, (byte)TlsAlertDescription.UserCanceled]))], ct);
                    }
                }, ct)),
            new("tls13-stall-after-finished", "sends its Finished, then neither a ticket nor an answer to QUIT", (c, ct) =>
                Tls13TicketAsync(c, leaf, _ => Task.CompletedTask, ct)),
            new("tls13-drip-resumed-hello", "issues a ticket, then sends the resumed ServerHello one byte every 50 ms", (c, ct) =>
                Tls13TicketAsync(c, leaf, h => c.SendAsync(h.SealApplication(TlsContentType.Handshake, HostileTls13Handshake.NewSessionTicket(ticket)), ct), ct, drip: true)),
        ];
    }

    /// <summary>
    /// A full TLS 1.2 handshake up to the client's Finished (its master secret kept in <paramref name="cache"/>),
    /// then <paramref name="end"/>; a hello that offers a session id (with or without a ticket) gets <paramref name="resume"/>.
    /// </summary>
    private static async Task Tls12Async(
        HostileConnection c, byte[] leaf, Tls12Cache cache, Func<HostileTls12Handshake, Task> end, Func<HostileTls12Handshake, byte[], byte[]> resume, CancellationToken ct)
    {
        await c.SmtpUpToStartTlsAsync(ct);
        using var handshake = new HostileTls12Handshake(HostileClientHello.Read(await c.ReadClientHelloAsync(ct)));
        if (handshake.ResumptionOffered)
        {
            await c.SendAsync(resume(handshake, cache.MasterSecret), ct);
            await c.HoldAsync(ct);
            return;
        }

        await c.SendAsync(handshake.ServerFlight(cache.SessionId, leaf), ct);
        await handshake.ReadClientFinishedAsync(c, ct);
        cache.MasterSecret = handshake.MasterSecret;
        await end(handshake);
        await c.HoldAsync(ct);
    }

    /// <summary>Half of a full TLS 1.2 server flight, then a TCP reset.</summary>
    private static async Task Tls12ResetAsync(HostileConnection c, byte[] leaf, CancellationToken ct)
    {
        await c.SmtpUpToStartTlsAsync(ct);
        using var handshake = new HostileTls12Handshake(HostileClientHello.Read(await c.ReadClientHelloAsync(ct)));
        var flight = handshake.ServerFlight(new Tls12Cache().SessionId, leaf);
        await c.SendAsync(flight.AsMemory(0, flight.Length / 2), ct);
        await Task.Delay(50, ct);
        c.Reset();
    }

    /// <summary>A one-session cache: the session id every full handshake issues, and the master secret of the latest one.</summary>
    private sealed class Tls12Cache
    {
        public byte[] SessionId { get; } = RandomNumberGenerator.GetBytes(32);

        public byte[] MasterSecret { get; set; } = [];
    }

    /// <summary>
    /// A TLS 1.2 case with its own one-session cache: full handshakes up to the client's Finished, then
    /// <paramref name="end"/>; a hello offering a session id (alone or with the ticket) gets
    /// <paramref name="resume"/>, by default the abbreviated handshake of the cached session.
    /// </summary>
    private static HostileCase Tls12Case(
        string name, string description, byte[] leaf, Func<HostileConnection, HostileTls12Handshake, CancellationToken, Task> end,
        Func<HostileTls12Handshake, byte[], byte[]>? resume = null)
    {
        var cache = new Tls12Cache();
        return new(name, description, (c, ct) => Tls12Async(c, leaf, cache, h => end(c, h, ct), resume ?? ((h, master) => h.ResumedFlight(master)), ct));
    }

    /// <summary>The end of a full TLS 1.2 handshake: a NewSessionTicket of <paramref name="ticketBody"/> when session_ticket was agreed, ChangeCipherSpec, Finished.</summary>
    private static Task Tls12EndAsync(HostileConnection c, HostileTls12Handshake h, byte[]? ticketBody, bool validFinished, CancellationToken ct) =>
        c.SendAsync((byte[])[.. h.TicketAgreed && ticketBody is not null ? h.NewSessionTicket(ticketBody) : [], .. h.ChangeCipherSpecAndFinished(validFinished)], ct);

    /// <summary>
    /// A TLS 1.3 handshake with a valid Finished, then <paramref name="afterFinished"/> (which seals under
    /// the application key); a hello offering a PSK gets a ServerHello accepting it (dripped when asked).
    /// </summary>
    private static async Task Tls13TicketAsync(HostileConnection c, byte[] leaf, Func<HostileTls13Handshake, Task> afterFinished, CancellationToken ct, bool drip = false)
    {
        var hello = await Tls13HelloAsync(c, ct);
        if (hello.Extensions.ContainsKey(TlsExtensionType.PreSharedKey))
        {
            var resumed = HostileTls13Handshake.ServerHelloAcceptingPsk(hello);
            await (drip ? c.DripAsync(resumed, TimeSpan.FromMilliseconds(50), ct) : c.SendAsync(resumed, ct));
            await c.HoldAsync(ct);
            return;
        }

        using var handshake = new HostileTls13Handshake(hello);
        byte[] flight = [.. handshake.ServerHello(), .. handshake.Protect(HostileTls13Handshake.Flight([leaf]))];
        flight = [.. flight, .. handshake.Protect(handshake.Finished())];
        await c.SendAsync(flight, ct);
        await afterFinished(handshake);
        await c.HoldAsync(ct);
    }
}
