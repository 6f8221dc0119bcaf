namespace MailTls.IntegrationTests.Fixtures;

/// Key types the test CA issues.
internal enum KeyAlgorithm
{
    Rsa2048,
    EcdsaP256,
}
