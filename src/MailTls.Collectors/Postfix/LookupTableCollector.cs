using MailTls.Core.Evidence;
using MailTls.Core.Postfix;
using MailTls.Core.Postfix.Outbound;

namespace MailTls.Collectors.Postfix;

/// <summary>
/// Reads the source text of the lookup tables a parameter names (smtp_tls_policy_maps,
/// transport_maps). Indexed tables (hash:, btree:, lmdb:, cdb:, dbm:, sdbm:) are read from the
/// postmap source file beside the index, texthash: directly, inline: from the value; other
/// types (ldap:, mysql:, ...) cannot be read offline and are reported.
/// </summary>
public static class LookupTableCollector
{
    private static readonly string[] FileTypes = ["hash", "btree", "lmdb", "cdb", "dbm", "sdbm", "texthash"];

    /// <summary>Reads every table a parameter names.</summary>
    /// <param name="parameter">The resolved parameter, e.g. smtp_tls_policy_maps.</param>
    /// <returns>The tables in order, and failures.</returns>
    public static (IReadOnlyList<LookupTable> Tables, IReadOnlyList<ProbeFailure> Failures) Read(ResolvedParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var tables = new List<LookupTable>();
        var failures = new List<ProbeFailure>();
        foreach (var reference in SplitReferences(parameter.Value))
        {
            var name = reference.StartsWith("proxy:", StringComparison.Ordinal) ? reference["proxy:".Length..] : reference;
            var colon = name.IndexOf(':', StringComparison.Ordinal);
            var type = colon > 0 ? name[..colon] : string.Empty;
            var path = colon > 0 ? name[(colon + 1)..] : name;
            if (type == "inline")
            {
                tables.Add(LookupTable.ParseInline(reference, parameter.Location ?? new SourceLocation(parameter.Name)));
            }
            else if (FileTypes.Contains(type))
            {
                try
                {
                    var info = new FileInfo(path);
                    if (info.Exists && info.Length > PostfixConfigCollector.MaxConfigFileBytes)
                    {
                        failures.Add(new ProbeFailure(path, FailureReason.InvalidData, $"{info.Length} bytes is too large for a table source"));
                        continue;
                    }

                    tables.Add(LookupTable.ParseSource(reference, File.ReadAllText(path), path));
                }
                catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
                {
                    failures.Add(new ProbeFailure(path, FailureReason.NotFound, $"the source of {reference} does not exist (only the .db may be present)"));
                }
                catch (UnauthorizedAccessException e)
                {
                    failures.Add(new ProbeFailure(path, FailureReason.PermissionDenied, e.Message));
                }
                catch (IOException e)
                {
                    failures.Add(new ProbeFailure(path, FailureReason.InvalidData, e.Message));
                }
            }
            else
            {
                failures.Add(new ProbeFailure(reference, FailureReason.InvalidData, $"mailtls reads only file-based tables; {type}: tables are not consulted"));
            }
        }

        return (tables, failures);
    }

    /// <summary>Splits a table list on commas and whitespace, keeping inline:{ ... } whole.</summary>
    private static List<string> SplitReferences(string value)
    {
        var references = new List<string>();
        var depth = 0;
        var start = -1;
        for (var i = 0; i <= value.Length; i++)
        {
            var c = i < value.Length ? value[i] : ' ';
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth == 0 && (c == ',' || char.IsWhiteSpace(c)))
            {
                if (start >= 0)
                {
                    references.Add(value[start..i]);
                    start = -1;
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        return references;
    }
}
