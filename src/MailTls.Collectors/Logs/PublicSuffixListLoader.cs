using MailTls.Core.Dns;
using MailTls.Core.Evidence;

namespace MailTls.Collectors.Logs;

/// <summary>Loads the Public Suffix List from the file Debian's <c>publicsuffix</c> package installs.</summary>
public static class PublicSuffixListLoader
{
    /// <summary>Where Debian and Ubuntu install the list.</summary>
    public const string DebianPath = "/usr/share/publicsuffix/public_suffix_list.dat";

    /// <summary>
    /// Reads the list, or returns <see cref="PublicSuffixList.Fallback"/> (organisations approximated by
    /// the last two labels) with the reason when the file is missing or unreadable.
    /// </summary>
    /// <param name="path">The list file; <see cref="DebianPath"/> by default.</param>
    /// <returns>The list, and the failure when the fallback had to be used.</returns>
    public static (PublicSuffixList List, ProbeFailure? Failure) Load(string path = DebianPath)
    {
        try
        {
            var list = PublicSuffixList.Parse(File.ReadAllText(path));
            return list.RuleCount > 0
                ? (list, null)
                : (PublicSuffixList.Fallback, new ProbeFailure(path, FailureReason.InvalidData, "the public suffix list has no rules; organisations are approximated by the last two labels"));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (PublicSuffixList.Fallback, new ProbeFailure(path, FailureReason.NotFound, "public suffix list not found (apt-get install publicsuffix); organisations are approximated by the last two labels"));
        }
        catch (UnauthorizedAccessException e)
        {
            return (PublicSuffixList.Fallback, new ProbeFailure(path, FailureReason.PermissionDenied, e.Message));
        }
        catch (IOException e)
        {
            return (PublicSuffixList.Fallback, new ProbeFailure(path, FailureReason.InvalidData, e.Message));
        }
    }
}
