using System.IO.Compression;
using System.Text;
using MailTls.Core.Evidence;
using MailTls.Core.Logs;

namespace MailTls.Collectors.Logs;

/// <summary>
/// Reads log files (plain, gzip, xz, bzip2; <c>-</c> for standard input) into a
/// <see cref="TlsEventExtractor"/>: files in blocks parsed on all cores (<see cref="LogBlockReader"/>),
/// standard input line by line. journald JSON lines are converted on the way. Directories are expanded to their files, oldest first, so that
/// rotated logs are read in time order. A file that cannot be read, or that breaks off (truncated
/// .gz), becomes a <see cref="ProbeFailure"/>; everything read before the fault still counts.
/// </summary>
public static class LogFileReader
{
    /// <summary>Expands paths: directories become their files, oldest modification time first.</summary>
    /// <param name="paths">Files, directories or <c>-</c>.</param>
    /// <returns>The files to read, in order.</returns>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(new DirectoryInfo(path).EnumerateFiles()
                    .OrderBy(f => f.LastWriteTimeUtc)
                    .ThenByDescending(f => f.Name, StringComparer.Ordinal)
                    .Select(f => f.FullName));
            }
            else
            {
                files.Add(path);
            }
        }

        return files;
    }

    /// <summary>Reads one file into the extractor, with the file's own date for BSD year inference.</summary>
    /// <param name="path">The file, or <c>-</c> for standard input.</param>
    /// <param name="stdin">Standard input, used for <c>-</c>.</param>
    /// <param name="extractor">Receives every line, numbered from 1.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The failure, when the file could not be read to its end.</returns>
    public static async Task<ProbeFailure?> ReadAsync(
        string path, TextReader stdin, TlsEventExtractor extractor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(extractor);
        var number = 0;
        void Consume(int firstLine, ParsedLogBlock block)
        {
            extractor.Add(path, firstLine, block);
            number = firstLine + block.Lines - 1;
        }

        try
        {
            if (path == "-")
            {
                // Invalid UTF-8 decodes to U+FFFD instead of failing: a log line is evidence, not a contract.
                var input = new BoundedLineReader(stdin);
                while (input.ReadLine() is { } line)
                {
                    extractor.Add(path, ++number, JournalJsonLine.TryConvert(line, out var converted) ? converted : line);
                    cancellationToken.ThrowIfCancellationRequested();
                }

                return null;
            }

            if (path.EndsWith(".bz2", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".xz", StringComparison.OrdinalIgnoreCase))
            {
                return await ReadThroughDecompressorAsync(path, path.EndsWith(".xz", StringComparison.OrdinalIgnoreCase) ? "xz" : "bzip2", extractor.Options, Consume, () => number, cancellationToken);
            }

            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
            var gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
            var counting = gzip ? new CountingReadStream(new GZipStream(file, CompressionMode.Decompress, leaveOpen: true)) : null;
            await using Stream stream = counting is null ? file : counting;
            await LogBlockReader.ReadAsync(stream, extractor.Options, Consume, cancellationToken);

            return counting is not null && !GzipTrailerMatches(file, counting.BytesRead)
                ? new ProbeFailure(path, FailureReason.InvalidData, $"the compressed file looks truncated after line {number} (its gzip trailer does not match what was decompressed); events up to there are reported")
                : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new ProbeFailure(path, FailureReason.NotFound, "no such file");
        }
        catch (UnauthorizedAccessException e)
        {
            return new ProbeFailure(path, FailureReason.PermissionDenied, e.Message);
        }
        catch (InvalidDataException e)
        {
            return new ProbeFailure(path, FailureReason.InvalidData, $"compressed data is damaged after line {number}: {e.Message}");
        }
        catch (EndOfStreamException)
        {
            return new ProbeFailure(path, FailureReason.InvalidData, $"the file ends early (truncated) after line {number}");
        }
        catch (IOException e)
        {
            return new ProbeFailure(path, FailureReason.InvalidData, $"read failed after line {number}: {e.Message}");
        }
    }

    /// <summary>
    /// Streams a .xz or .bz2 file through Debian's own decompressor (xz-utils, bzip2): the BCL has
    /// neither format, and the tools detect truncation and damage themselves (non-zero exit).
    /// </summary>
    private static async Task<ProbeFailure?> ReadThroughDecompressorAsync(
        string path, string tool, LogParseOptions options, Action<int, ParsedLogBlock> consume, Func<int> linesRead, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return new ProbeFailure(path, FailureReason.NotFound, "no such file");
        }

        var start = new System.Diagnostics.ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-dc", "--", path })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new System.Diagnostics.Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ProbeFailure(path, FailureReason.ToolFailed, $"cannot run {tool} to decompress it ({e.Message}); install {(tool == "xz" ? "xz-utils" : "bzip2")}");
        }

        var errors = Processes.ExternalCommand.ReadBoundedAsync(process.StandardError, Processes.ExternalCommand.DefaultMaxOutputChars);
        try
        {
            await LogBlockReader.ReadAsync(process.StandardOutput.BaseStream, options, consume, cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var message = (await errors).Text.Trim();
        return process.ExitCode == 0
            ? null
            : new ProbeFailure(path, FailureReason.InvalidData, $"{tool} stopped after line {linesRead()} ({message}); events up to there are reported");
    }

    /// <summary>
    /// RFC 1952 section 2.3.1: a gzip member ends with CRC32 and ISIZE, the uncompressed length modulo
    /// 2^32, little-endian. .NET's GZipStream reports a cut-off file as a normal end of data, so the
    /// trailer is checked here. A file of several members (concatenated .gz) has only the last
    /// member's length there and is reported too; logrotate writes single-member files.
    /// </summary>
    private static bool GzipTrailerMatches(FileStream file, long decompressed)
    {
        const int TrailerSize = 8;
        const int IsizeOffset = 4;
        if (file.Length < TrailerSize)
        {
            return false;
        }

        Span<byte> trailer = stackalloc byte[TrailerSize];
        file.Seek(-TrailerSize, SeekOrigin.End);
        file.ReadExactly(trailer);
        var isize = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer[IsizeOffset..]);
        return isize == (uint)(decompressed & uint.MaxValue);
    }

    /// <summary>The date a file was last written, for BSD syslog year inference; now for stdin or when unknown.</summary>
    /// <param name="path">The file.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The reference date.</returns>
    public static DateTime ReferenceDate(string path, DateTime now)
    {
        if (path == "-" || !File.Exists(path))
        {
            return now;
        }

        return File.GetLastWriteTime(path);
    }
}
