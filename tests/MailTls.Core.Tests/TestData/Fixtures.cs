using MailTls.Core.Logs;

namespace MailTls.Core.Tests.TestData;

/// <summary>Reads embedded fixtures and runs them through the extractor.</summary>
internal static class Fixtures
{
    public static string Read(string name)
    {
        using var stream = typeof(Fixtures).Assembly.GetManifestResourceStream($"TestData/{name}")
            ?? throw new InvalidOperationException($"fixture {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Extracts the events of a text, as if it were a file with that name read in order.</summary>
    public static IReadOnlyList<TlsEvent> Extract(string text, string file = "mail.log", MailTls.Core.Dns.PublicSuffixList? suffixes = null, DateTime? reference = null)
    {
        var extractor = new TlsEventExtractor(new LogParseOptions { ReferenceDate = reference ?? new DateTime(2020, 6, 1) }, suffixes);
        var number = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            number++;
            extractor.Add(file, number, line);
        }

        extractor.Complete();
        return [.. extractor.Events.OrderBy(e => e.Location.Line)];
    }

    public static IReadOnlyList<TlsEvent> ExtractFixture(string name) => Extract(Read($"Logs/{name}"), name);
}
