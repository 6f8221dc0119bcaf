using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using MailTls.Core.Dns;

namespace MailTls.Collectors.Dns;

/// <summary>
/// Asks a question again with the CD (checking disabled) bit set, to tell a bogus answer from any
/// other SERVFAIL. A validating resolver answers SERVFAIL when validation fails (RFC 4035 section
/// 5.5); with CD set it skips validation (RFC 4035 section 3.2.2), so a NOERROR or NXDOMAIN then
/// means the data exists and only its signatures are broken. DnsClient cannot set the CD bit, so
/// this one query is built by hand (RFC 1035 section 4.1, RFC 6891 section 6.1.2 for the OPT record).
/// </summary>
internal static class CheckingDisabledProbe
{
    /// <summary>RD (recursion desired) in the second header word (RFC 1035 section 4.1.1).</summary>
    private const ushort RecursionDesired = 0x0100;

    /// <summary>CD (checking disabled) in the second header word (RFC 4035 section 3.2.2).</summary>
    private const ushort CheckingDisabled = 0x0010;

    /// <summary>QR (response) in the second header word.</summary>
    private const ushort Response = 0x8000;

    /// <summary>The OPT pseudo-record's type (RFC 6891 section 6.1.1).</summary>
    private const ushort OptType = 41;

    /// <summary>The DO bit in the OPT record's TTL field (RFC 3225 section 3).</summary>
    private const uint DnssecOk = 0x8000;

    private const ushort ClassIn = 1;
    private const int HeaderLength = 12;
    private const int FlagsOffset = 2;
    private const ushort UdpPayloadSize = 1232;

    /// <summary>Sends one CD query over UDP and returns the response code, or null if none arrived in time.</summary>
    public static async Task<DnsResponseStatus?> QueryAsync(IPEndPoint server, string name, ushort type, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var id = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1);
        var query = Build(id, name, type);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var udp = new UdpClient(server.AddressFamily);
        try
        {
            udp.Connect(server);
            await udp.SendAsync(query, deadline.Token);
            while (true)
            {
                var received = await udp.ReceiveAsync(deadline.Token);
                var reply = received.Buffer;
                if (reply.Length < HeaderLength || BinaryPrimitives.ReadUInt16BigEndian(reply) != id)
                {
                    continue;
                }

                var flags = BinaryPrimitives.ReadUInt16BigEndian(reply.AsSpan(FlagsOffset));
                if ((flags & Response) == 0)
                {
                    continue;
                }

                return (flags & 0x000F) switch
                {
                    0 => DnsResponseStatus.NoError,
                    2 => DnsResponseStatus.ServerFailure,
                    3 => DnsResponseStatus.NxDomain,
                    5 => DnsResponseStatus.Refused,
                    _ => DnsResponseStatus.OtherError,
                };
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private static byte[] Build(ushort id, string name, ushort type)
    {
        var message = new List<byte>(64);
        void Add16(ushort value)
        {
            message.Add((byte)(value >> 8));
            message.Add((byte)value);
        }

        // Header: ID, flags, QDCOUNT=1, ANCOUNT=0, NSCOUNT=0, ARCOUNT=1 (the OPT record).
        Add16(id);
        Add16(RecursionDesired | CheckingDisabled);
        Add16(1);
        Add16(0);
        Add16(0);
        Add16(1);

        // QNAME as length-prefixed labels, then the root label.
        foreach (var label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bytes = Encoding.ASCII.GetBytes(label);
            message.Add((byte)bytes.Length);
            message.AddRange(bytes);
        }

        message.Add(0);
        Add16(type);
        Add16(ClassIn);

        // OPT: root owner, TYPE 41, CLASS = UDP payload size, TTL = ext-rcode/version/flags with DO, RDLEN 0.
        message.Add(0);
        Add16(OptType);
        Add16(UdpPayloadSize);
        Add16(0);
        Add16((ushort)DnssecOk);
        Add16(0);
        return [.. message];
    }
}
