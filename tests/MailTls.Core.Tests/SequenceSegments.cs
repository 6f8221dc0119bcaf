using System.Buffers;

namespace MailTls.Core.Tests;

/// <summary>Builds multi-segment sequences, as a pipe delivers them, for the ReadOnlySequence overloads.</summary>
internal sealed class SequenceSegments : ReadOnlySequenceSegment<byte>
{
    private SequenceSegments(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>Cuts <paramref name="data"/> into segments of at most <paramref name="segmentLength"/> bytes.</summary>
    public static ReadOnlySequence<byte> Split(byte[] data, int segmentLength)
    {
        var first = new SequenceSegments(data.AsMemory(0, Math.Min(segmentLength, data.Length)), 0);
        var last = first;
        for (var offset = segmentLength; offset < data.Length; offset += segmentLength)
        {
            var next = new SequenceSegments(data.AsMemory(offset, Math.Min(segmentLength, data.Length - offset)), offset);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
