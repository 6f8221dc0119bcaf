namespace MailTls.Tests;

/// <summary>Finds files of the repository the tests were built from.</summary>
internal static class RepositoryFiles
{
    public static string Path(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "MailTls.slnx")))
            {
                return System.IO.Path.Combine(dir.FullName, relative);
            }
        }

        throw new InvalidOperationException("MailTls.slnx not found above " + AppContext.BaseDirectory);
    }
}
