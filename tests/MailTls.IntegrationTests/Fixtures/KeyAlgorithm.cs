namespace MailTls.IntegrationTests.Fixtures;

/// Key types the test CA issues. Public only because xunit theories take it as a parameter.
public enum KeyAlgorithm
{
    Rsa2048,
    EcdsaP256,
}
