using System.Collections.Immutable;

namespace MailTls.Core.Tls;

/// <summary>Helpers for lists of two-byte values (cipher suites, groups, versions, signature schemes).</summary>
internal static class TlsLists
{
    /// <summary>Reads the content of a vector as uint16 values; false when its length is odd.</summary>
    public static bool TryReadUInt16List(ReadOnlySpan<byte> data, out ImmutableArray<ushort> values)
    {
        if (data.Length % 2 != 0)
        {
            values = [];
            return false;
        }

        var builder = ImmutableArray.CreateBuilder<ushort>(data.Length / 2);
        var reader = new TlsReader(data);
        while (reader.TryReadUInt16(out var value))
        {
            builder.Add(value);
        }

        values = builder.MoveToImmutable();
        return true;
    }
}
