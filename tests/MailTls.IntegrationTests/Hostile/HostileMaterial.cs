using System.Security.Cryptography.X509Certificates;
using MailTls.IntegrationTests.Fixtures;

namespace MailTls.IntegrationTests.Hostile;

/// <summary>Certificates the hostile cases serve, made once per test class (10 000 names take a moment to sign).</summary>
public sealed class HostileMaterial : IDisposable
{
    public const int ManyNames = 10_000;

    private readonly TestCa _ca;
    private readonly TestLeaf _leaf;
    private readonly TestLeaf _manyNames;

    public HostileMaterial()
    {
        _ca = TestCa.Create("mailtls hostile");
        _leaf = _ca.IssueLeaf(new LeafSpec("hostile.mailtls.invalid") { DnsNames = ["hostile.mailtls.invalid"] });
        _manyNames = _ca.IssueLeaf(new LeafSpec("many.mailtls.invalid")
        {
            DnsNames = [.. Enumerable.Range(0, ManyNames).Select(i => $"n{i}.mailtls.invalid")],
        });
    }

    /// <summary>An ordinary leaf with its key.</summary>
    internal X509Certificate2 Leaf => _leaf.Certificate;

    /// <summary>A leaf with <see cref="ManyNames"/> DNS names in its subjectAltName.</summary>
    internal X509Certificate2 ManyNamesLeaf => _manyNames.Certificate;

    public void Dispose()
    {
        _manyNames.Dispose();
        _leaf.Dispose();
        _ca.Dispose();
    }
}
