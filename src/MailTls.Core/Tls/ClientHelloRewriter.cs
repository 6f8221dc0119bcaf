using System.Security.Cryptography;
using System.Text;

namespace MailTls.Core.Tls;

/// <summary>
/// Prepares a recorded ClientHello (a real MTA's, from the client profiles) for replay against a
/// server, keeping its shape: version fields, suite order, extension order and contents. Like
/// testssl.sh's <c>modify_clienthello</c>, it changes only what must be fresh or target-specific:
/// the client random, the key_share values (new keys of the same groups), the server_name
/// (replaced, added or removed), and drops a recorded pre_shared_key/early_data, whose binders
/// cannot be valid for another server. The padding extension absorbs length changes where it can.
/// </summary>
public static class ClientHelloRewriter
{
    private const int RandomLength = 32;
    private const byte ServerNameTypeHostName = 0;

    /// <summary>Rewrites <paramref name="recordedRecords"/>; returns null when they are not a parsable ClientHello.</summary>
    /// <param name="recordedRecords">The recorded handshake record(s).</param>
    /// <param name="serverName">SNI to send; null removes any recorded SNI (what most MTAs do).</param>
    /// <param name="limits">Parser limits.</param>
    public static byte[]? Rewrite(ReadOnlySpan<byte> recordedRecords, string? serverName, ParserLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (ClientHelloReader.TryReadRecords(recordedRecords, limits, out var info, out _, out _) != ParseStatus.Done
            || TlsRecord.TryRead(recordedRecords, limits, out var firstRecord, out _, out _) != ParseStatus.Done)
        {
            return null;
        }

        var buffer = new TlsHandshakeBuffer(limits);
        var offset = 0;
        TlsHandshakeMessage message;
        while (true)
        {
            TlsRecord.TryRead(recordedRecords[offset..], limits, out var record, out var used, out _);
            offset += used;
            buffer.Append(record.Fragment, out _);
            if (buffer.TryReadMessage(out message, out _) == ParseStatus.Done)
            {
                break;
            }
        }

        var body = RewriteBody(message.Body, info!, serverName);
        var writer = new TlsWriter();
        writer.WriteUInt8((byte)TlsHandshakeType.ClientHello);
        var length = writer.BeginVector(3);
        writer.WriteBytes(body);
        writer.EndVector(length);
        var handshake = writer.ToArray();

        var records = new TlsWriter();
        const int MaxFragment = 1 << 14;
        for (var start = 0; start < handshake.Length; start += MaxFragment)
        {
            records.WriteUInt8((byte)TlsContentType.Handshake);
            records.WriteUInt16(firstRecord.Version);
            var recordLength = records.BeginVector(2);
            records.WriteBytes(handshake.AsSpan(start, Math.Min(MaxFragment, handshake.Length - start)));
            records.EndVector(recordLength);
        }

        return records.ToArray();
    }

    private static byte[] RewriteBody(ReadOnlySpan<byte> original, ClientHelloInfo info, string? serverName)
    {
        // The reader has validated the structure, so every read below succeeds.
        var reader = new TlsReader(original);
        var writer = new TlsWriter();
        reader.TryReadUInt16(out var legacyVersion);
        reader.TryReadBytes(RandomLength, out _);
        reader.TryReadVector8(out var sessionId);
        reader.TryReadVector16(out var suites);
        reader.TryReadVector8(out var compression);

        writer.WriteUInt16(legacyVersion);
        writer.WriteBytes(RandomNumberGenerator.GetBytes(RandomLength));
        WriteVector(writer, 1, sessionId);
        WriteVector(writer, 2, suites);
        WriteVector(writer, 1, compression);
        if (reader.End)
        {
            return writer.ToArray();
        }

        reader.TryReadVector16(out var extensions);
        var list = writer.BeginVector(2);
        var extensionReader = new TlsReader(extensions);
        var paddingStart = -1;
        var sniWritten = false;
        if (serverName is not null && !info.HasExtension(TlsExtensionType.ServerName))
        {
            WriteServerName(writer, serverName);
            sniWritten = true;
        }

        while (extensionReader.TryReadUInt16(out var type) && extensionReader.TryReadVector16(out var value))
        {
            switch ((TlsExtensionType)type)
            {
                case TlsExtensionType.ServerName:
                    if (serverName is not null && !sniWritten)
                    {
                        WriteServerName(writer, serverName);
                        sniWritten = true;
                    }

                    break;

                case TlsExtensionType.PreSharedKey:
                case TlsExtensionType.EarlyData:
                    break;

                case TlsExtensionType.KeyShare:
                    WriteFreshKeyShares(writer, value);
                    break;

                case TlsExtensionType.Padding:
                    paddingStart = writer.Length;
                    writer.WriteUInt16(type);
                    WriteVector(writer, 2, value);
                    break;

                default:
                    writer.WriteUInt16(type);
                    WriteVector(writer, 2, value);
                    break;
            }
        }

        writer.EndVector(list);
        var bytes = writer.ToArray();
        return paddingStart < 0 ? bytes : AdjustPadding(bytes, paddingStart, original.Length);
    }

    // Keep the hello as long as the recorded one when the padding extension can absorb the difference
    // (the F5 workaround of RFC 7685 is about total length, so it must survive the rewrite).
    private static byte[] AdjustPadding(byte[] body, int paddingStart, int originalLength)
    {
        const int ExtensionHeader = 4;
        const int ExtensionsLengthOffset = 2;
        var reader = new TlsReader(body.AsSpan(paddingStart + 2));
        reader.TryReadVector16(out var padding);
        var target = padding.Length - (body.Length - originalLength);
        if (target < 0 || target == padding.Length)
        {
            return body;
        }

        var writer = new TlsWriter();
        writer.WriteBytes(body.AsSpan(0, paddingStart));
        writer.WriteUInt16((ushort)TlsExtensionType.Padding);
        writer.WriteUInt16((ushort)target);
        writer.WriteBytes(new byte[target]);
        writer.WriteBytes(body.AsSpan(paddingStart + ExtensionHeader + padding.Length));
        var result = writer.ToArray();

        // Fix the extensions<..> length, which sits before the first extension.
        var extensionsLengthAt = FindExtensionsLengthOffset(result) - ExtensionsLengthOffset;
        var extensionsLength = result.Length - extensionsLengthAt - ExtensionsLengthOffset;
        result[extensionsLengthAt] = (byte)(extensionsLength >> 8);
        result[extensionsLengthAt + 1] = (byte)extensionsLength;
        return result;
    }

    private static int FindExtensionsLengthOffset(ReadOnlySpan<byte> body)
    {
        var reader = new TlsReader(body);
        reader.TryReadUInt16(out _);
        reader.TryReadBytes(RandomLength, out _);
        reader.TryReadVector8(out _);
        reader.TryReadVector16(out _);
        reader.TryReadVector8(out _);
        return reader.Consumed + 2;
    }

    private static void WriteFreshKeyShares(TlsWriter writer, ReadOnlySpan<byte> value)
    {
        writer.WriteUInt16((ushort)TlsExtensionType.KeyShare);
        var extension = writer.BeginVector(2);
        var shares = writer.BeginVector(2);
        var reader = new TlsReader(value);
        reader.TryReadVector16(out var entries);
        var entryReader = new TlsReader(entries);
        while (entryReader.TryReadUInt16(out var group) && entryReader.TryReadVector16(out var key))
        {
            writer.WriteUInt16(group);
            var keyVector = writer.BeginVector(2);

            // GREASE entries (RFC 8701) carry arbitrary bytes; keep them.
            writer.WriteBytes(CipherSuiteRegistry.IsGrease(group) ? key : ClientHelloBuilder.CreateKeyShare((TlsNamedGroup)group));
            writer.EndVector(keyVector);
        }

        writer.EndVector(shares);
        writer.EndVector(extension);
    }

    private static void WriteServerName(TlsWriter writer, string serverName)
    {
        writer.WriteUInt16((ushort)TlsExtensionType.ServerName);
        var extension = writer.BeginVector(2);
        var list = writer.BeginVector(2);
        writer.WriteUInt8(ServerNameTypeHostName);
        var name = writer.BeginVector(2);
        writer.WriteBytes(Encoding.ASCII.GetBytes(serverName.TrimEnd('.')));
        writer.EndVector(name);
        writer.EndVector(list);
        writer.EndVector(extension);
    }

    private static void WriteVector(TlsWriter writer, int prefixBytes, ReadOnlySpan<byte> content)
    {
        var vector = writer.BeginVector(prefixBytes);
        writer.WriteBytes(content);
        writer.EndVector(vector);
    }
}
