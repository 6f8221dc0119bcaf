namespace MailTls.Core.Tests.Certificates;

/// <summary>One chain for mx.example.com shared by a test class: RSA CA keys are slow to make.</summary>
public sealed class ExampleChain() : TestChain(["mx.example.com", "mail.example.com"]);
