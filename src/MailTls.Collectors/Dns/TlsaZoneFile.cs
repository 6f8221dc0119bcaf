using System.Globalization;
using MailTls.Core.Dns;
using MailTls.Core.Evidence;

namespace MailTls.Collectors.Dns;

/// <summary>
/// Reads the TLSA records a zone publishes from zone-file lines
/// (<c>_25._tcp.mx.example.com. 3600 IN TLSA 3 1 1 …</c>), for offline checks where DNS cannot be
/// asked. Lines without a TLSA type are ignored; every TLSA line must name the same owner, of the
/// form <c>_PORT._tcp.HOST</c>, which says which service the records describe.
/// </summary>
public static class TlsaZoneFile
{
    /// <summary>Zone excerpts are small; a larger file is refused rather than read into memory.</summary>
    public const long MaxBytes = 1 << 20;

    /// <summary>Reads the file as the answer DNS would give for its owner name.</summary>
    /// <param name="path">The zone file or excerpt.</param>
    /// <param name="host">The host the records are for (the owner without <c>_PORT._tcp.</c>).</param>
    /// <param name="port">The port of the owner name.</param>
    /// <param name="answer">The records, with DNSSEC status indeterminate (a file cannot say).</param>
    /// <param name="failure">Why the file could not be used, when it could not.</param>
    /// <returns>Whether at least one record was read.</returns>
    public static bool TryRead(string path, out string host, out int port, out DnsAnswer<TlsaRecord>? answer, out ProbeFailure? failure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        (host, port, answer) = (string.Empty, 0, null);
        string[] lines;
        try
        {
            if (new FileInfo(path).Length > MaxBytes)
            {
                failure = new ProbeFailure(path, FailureReason.InvalidData, string.Create(CultureInfo.InvariantCulture, $"is larger than {MaxBytes} bytes; give only the TLSA lines"));
                return false;
            }

            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failure = new ProbeFailure(path, e is FileNotFoundException or DirectoryNotFoundException ? FailureReason.NotFound : e is UnauthorizedAccessException ? FailureReason.PermissionDenied : FailureReason.InvalidData, e.Message);
            return false;
        }

        string? owner = null;
        var records = new List<TlsaRecord>();
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].Split(';', 2)[0];
            var tokens = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var type = Array.FindIndex(tokens, t => t.Equals("TLSA", StringComparison.OrdinalIgnoreCase));
            if (type < 0)
            {
                continue;
            }

            var where = string.Create(CultureInfo.InvariantCulture, $"{path}:{i + 1}");
            // A line starting with white space continues the previous owner, as in a zone file.
            var lineOwner = type > 0 && !char.IsWhiteSpace(text[0]) ? tokens[0] : owner;
            if (lineOwner is null || (owner is not null && !string.Equals(lineOwner.TrimEnd('.'), owner.TrimEnd('.'), StringComparison.OrdinalIgnoreCase)))
            {
                failure = new ProbeFailure(where, FailureReason.InvalidData, lineOwner is null
                    ? "the TLSA line has no owner name; write it as _25._tcp.mx.example.com. IN TLSA 3 1 1 <hex>"
                    : $"names {lineOwner} but an earlier line names {owner}; give the records of one host and port");
                return false;
            }

            if (!TlsaRecord.TryParse(string.Join(' ', tokens[(type + 1)..]), out var record, out var error))
            {
                failure = new ProbeFailure(where, FailureReason.InvalidData, error!);
                return false;
            }

            owner = lineOwner;
            records.Add(record!);
        }

        if (owner is null)
        {
            failure = new ProbeFailure(path, FailureReason.InvalidData, "has no TLSA line; expected e.g. _25._tcp.mx.example.com. IN TLSA 3 1 1 <hex>");
            return false;
        }

        var labels = owner.TrimEnd('.').Split('.', 3);
        if (labels.Length < 3 || !labels[0].StartsWith('_') || !int.TryParse(labels[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out port)
            || port is < 1 or > 65535 || !labels[1].Equals("_tcp", StringComparison.OrdinalIgnoreCase))
        {
            failure = new ProbeFailure(path, FailureReason.InvalidData, $"owner name {owner} is not of the form _PORT._tcp.HOST");
            return false;
        }

        host = labels[2];
        answer = new DnsAnswer<TlsaRecord>(TlsaRecord.OwnerName(host, port), "TLSA", DnsResponseStatus.NoError, DnssecStatus.Indeterminate, records, [], TimeSpan.Zero, $"file {path}", null);
        failure = null;
        return true;
    }
}
