using System.Buffers;
using System.Runtime.ExceptionServices;
using MailTls.Core.Logs;

namespace MailTls.Collectors.Logs;

/// <summary>
/// Reads a byte stream in blocks of whole lines and parses the blocks on the thread pool, several at
/// a time, while the caller consumes them strictly in file order (sessions span blocks, so the
/// correlation stays sequential). Memory is bounded by the block size times the blocks in flight:
/// a line that does not fit in a block is skipped and counted as too long, whatever the input.
/// </summary>
internal static class LogBlockReader
{
    /// <summary>Bytes per block; also the longest line kept (longer ones are far beyond the parser's limit).</summary>
    public const int BlockSize = 1 << 20;

    // Enough blocks in flight to keep both cores parsing while the consumer correlates.
    private static readonly int MaxInFlight = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>Reads the stream to its end.</summary>
    /// <param name="stream">The decoded (decompressed) log bytes.</param>
    /// <param name="options">Parse options for this file.</param>
    /// <param name="consume">Receives each block with the 1-based number of its first line, in order, on the caller's flow.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <remarks>When the stream fails, the blocks read before the fault are still consumed, then the exception is rethrown.</remarks>
    public static async Task ReadAsync(Stream stream, LogParseOptions options, Action<int, ParsedLogBlock> consume, CancellationToken cancellationToken)
    {
        // Line numbers are counted as blocks are consumed, from each parsed block's own count, so the
        // reading flow does not scan every block for newlines before handing it over.
        var pending = new Queue<Task<ParsedLogBlock>>();

        // Bytes are read straight into the array a block is parsed from; only the unfinished last
        // line moves to the next array (one copy of the whole log less than reading into one buffer).
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        var filled = 0;
        var nextLine = 1;
        ExceptionDispatchInfo? fault = null;

        // Hands the first `length` bytes of the current array to a parser and moves `tail` bytes
        // after them to the start of a fresh array.
        void Dispatch(int length, int tail)
        {
            var block = buffer;
            buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
            block.AsSpan(length, tail).CopyTo(buffer);
            pending.Enqueue(Task.Run(() =>
            {
                try
                {
                    return LogBlockParser.Parse(block.AsSpan(0, length), options);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(block);
                }
            }));
        }

        void Enqueue(ParsedLogBlock block) => pending.Enqueue(Task.FromResult(block));

        async Task DrainAsync(int keep)
        {
            while (pending.Count > keep)
            {
                var block = await pending.Dequeue().ConfigureAwait(false);
                var firstLine = nextLine;
                nextLine += block.Lines;
                consume(firstLine, block);
            }
        }

        try
        {
            var skipping = false;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var read = stream.Read(buffer, filled, BlockSize - filled);
                if (read == 0)
                {
                    break;
                }

                var start = 0;
                var end = filled + read;
                if (skipping)
                {
                    // The rest of an over-long line: drop bytes up to its newline.
                    var newline = buffer.AsSpan(0, end).IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        filled = 0;
                        continue;
                    }

                    start = newline + 1;
                    skipping = false;
                }

                var last = buffer.AsSpan(start, end - start).LastIndexOf((byte)'\n');
                if (last >= 0 && start == 0)
                {
                    Dispatch(last + 1, end - last - 1);
                    filled = end - last - 1;
                }
                else if (last >= 0)
                {
                    // Lines after a skipped one: move them to the front first (rare).
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    Dispatch(last + 1, end - start - last - 1);
                    filled = end - start - last - 1;
                }
                else if (end - start == BlockSize)
                {
                    Enqueue(ParsedLogBlock.OneTooLongLine());
                    skipping = true;
                    filled = 0;
                }
                else
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    filled = end - start;
                }

                await DrainAsync(MaxInFlight).ConfigureAwait(false);
            }

            if (filled > 0 && !skipping)
            {
                Dispatch(filled, 0);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            fault = ExceptionDispatchInfo.Capture(e);
        }

        await DrainAsync(0).ConfigureAwait(false);
        ArrayPool<byte>.Shared.Return(buffer);
        fault?.Throw();
    }
}
