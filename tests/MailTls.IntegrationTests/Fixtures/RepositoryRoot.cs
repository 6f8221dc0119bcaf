namespace MailTls.IntegrationTests.Fixtures;

/// The repository's top directory (where MailTls.slnx is), found above the test binaries.
internal static class RepositoryRoot
{
    public static string Path
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "MailTls.slnx")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("MailTls.slnx not found above " + AppContext.BaseDirectory);
        }
    }
}
