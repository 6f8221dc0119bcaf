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
    /// <summary>The most blocks read from one file; a real chain file has a handful.</summary>
    public const int MaxBlocks = 64;

    /// <summary>Reads every PEM block.</summary>
    /// <param name="text">The file content.</param>
    /// <param name="path">The file name to cite.</param>
    /// <returns>The blocks, and problems met.</returns>
    public static (IReadOnlyList<PemBlock> Blocks, IReadOnlyList<ConfigProblem> Problems) Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var blocks = new List<PemBlock>();
        var problems = new List<ConfigProblem>();
        var offset = 0;
        while (offset < text.Length)
        {
            if (!PemEncoding.TryFind(text.AsSpan(offset), out var fields))
            {
                break;
            }

            var start = offset + fields.Location.Start.Value;
            var location = new SourceLocation(path, LineOf(text, start));
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
            if (blocks.Count == MaxBlocks)
            {
                problems.Add(new ConfigProblem(new SourceLocation(path), $"more than {MaxBlocks} PEM blocks; the rest is ignored"));
                break;
            }
        }

        if (blocks.Count == 0 && problems.Count == 0)
        {
            problems.Add(new ConfigProblem(new SourceLocation(path), "no PEM block (-----BEGIN ...-----) in the file"));
        }

        return (blocks, problems);
    }

    private static int LineOf(string text, int offset)
    {
        var line = 1;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }
}
