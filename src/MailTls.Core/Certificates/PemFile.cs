using System.Security.Cryptography;
using MailTls.Core.Evidence;
using MailTls.Core.Postfix;

namespace MailTls.Core.Certificates;

/// <summary>
/// Splits PEM text into its blocks (RFC 7468), in file order, with the line each starts on.
/// Text between blocks is ignored as OpenSSL ignores it; a block whose base64 does not decode is
/// reported, not thrown.
/// </summary>
public static class PemFile
{
    /// <summary>The most blocks read from a certificate or key file; a real chain file has a handful.</summary>
    public const int MaxBlocks = 64;

    /// <summary>Reads every PEM block, up to <paramref name="maxBlocks"/>.</summary>
    /// <param name="text">The file content.</param>
    /// <param name="path">The file name to cite.</param>
    /// <param name="maxBlocks">The most blocks kept; a CA bundle needs far more than a chain file.</param>
    /// <returns>The blocks, and problems met.</returns>
    public static (IReadOnlyList<PemBlock> Blocks, IReadOnlyList<ConfigProblem> Problems) Parse(string text, string path, int maxBlocks = MaxBlocks)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBlocks);
        var blocks = new List<PemBlock>();
        var problems = new List<ConfigProblem>();
        var offset = 0;

        // Lines are counted incrementally, so a large bundle is scanned once rather than once per block.
        var line = 1;
        var counted = 0;
        while (offset < text.Length && PemEncoding.TryFind(text.AsSpan(offset), out var fields))
        {
            if (blocks.Count == maxBlocks)
            {
                problems.Add(new ConfigProblem(new SourceLocation(path), $"more than {maxBlocks} PEM blocks; the rest is ignored"));
                break;
            }

            var start = offset + fields.Location.Start.Value;
            line += text.AsSpan(counted, start - counted).Count('\n');
            counted = start;
            var location = new SourceLocation(path, line);
            var label = text.AsSpan(offset)[fields.Label].ToString();
            var data = new byte[fields.DecodedDataLength];
            if (Convert.TryFromBase64Chars(text.AsSpan(offset)[fields.Base64Data], data, out var written))
            {
                blocks.Add(new PemBlock(label, data.AsMemory(0, written), location));
            }
            else
            {
                problems.Add(new ConfigProblem(location, $"the {label} block is not valid base64"));
            }

            offset += fields.Location.End.Value;
        }

        if (blocks.Count == 0 && problems.Count == 0)
        {
            problems.Add(new ConfigProblem(new SourceLocation(path), "no PEM block (-----BEGIN ...-----) in the file"));
        }

        return (blocks, problems);
    }
}
