using MailTls.Core.Tls;

namespace MailTls.Core.Probe;

/// <summary>What the server does with one protocol version.</summary>
public sealed record ProtocolSupport
{
    /// <summary>The version offered (alone) in the hellos of this test.</summary>
    public required TlsProtocolVersion Version { get; init; }

    /// <summary>True when the server negotiated this version; false when it refused it; null when no answer allowed a verdict.</summary>
    public bool? Accepted { get; init; }

    /// <summary>
    /// The suites accepted with this version. In server order when <see cref="Order"/> is
    /// <see cref="SuiteOrder.Server"/>, otherwise in the order they were found.
    /// </summary>
    public IReadOnlyList<AcceptedSuite> Suites { get; init; } = [];

    /// <summary>Whose preference decides.</summary>
    public SuiteOrder Order { get; init; }

    /// <summary>How the server refused the version, or why the verdict is unknown.</summary>
    public string Detail { get; init; } = string.Empty;
}
