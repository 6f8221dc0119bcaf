using System.Reflection;

namespace MailTls.Core.Tests.Tls;

/// <summary>Reads fixtures embedded from TestData/ (paths with forward slashes).</summary>
internal static class TlsTestData
{
    private static readonly Assembly Assembly = typeof(TlsTestData).Assembly;

    public static string ReadText(string path)
    {
        using var stream = Assembly.GetManifestResourceStream("TestData/" + path)
            ?? throw new InvalidOperationException($"Missing embedded test data TestData/{path}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static IEnumerable<string> List(string folder) =>
        Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("TestData/" + folder, StringComparison.Ordinal))
            .Select(n => n["TestData/".Length..])
            .Order(StringComparer.Ordinal);

    public static byte[] ReadHex(string path) => Convert.FromHexString(ReadText(path).Trim());
}
