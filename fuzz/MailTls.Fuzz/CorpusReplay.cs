using System.Globalization;

namespace MailTls.Fuzz;

/// <summary>Runs corpus or crash files through <see cref="FuzzTargets"/> without AFL, to reproduce a finding.</summary>
internal static class CorpusReplay
{
    public static int Run(IEnumerable<string> paths, TextWriter output)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]).Order(StringComparer.Ordinal).ToList();
        var failures = 0;
        foreach (var file in files)
        {
            try
            {
                FuzzTargets.Run(File.ReadAllBytes(file));
            }
            catch (Exception e)
            {
                // A fuzz finding is exactly an exception escaping a parser, so every kind is reported here.
                failures++;
                output.WriteLine($"{file}: {e}");
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{files.Count} inputs, {failures} failures"));
        return failures == 0 ? 0 : 1;
    }
}
