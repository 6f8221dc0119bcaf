using MailTls.Core.Tls;

namespace MailTls.Core.Profiles;

/// <summary>A ClientHello made from a sender's published facts, with what had to be assumed.</summary>
/// <param name="Options">What <see cref="ClientHelloBuilder"/> puts into the hello.</param>
/// <param name="Assumptions">The defaults taken where the facts are silent, one phrase each.</param>
/// <param name="Confidence">The profile's own confidence grade, e.g. "low-medium".</param>
public sealed record SynthesisedHello(ClientHelloOptions Options, IReadOnlyList<string> Assumptions, string Confidence);
