namespace MailTls.IntegrationTests.Fixtures;

/// A fresh directory under the system temp directory, removed on Dispose.
internal sealed class TempDirectory : IDisposable
{
    private TempDirectory(string path)
    {
        Path = path;
    }

    public string Path { get; }

    /// Creates the directory world-traversable (0755): Postfix daemons drop privileges to the
    /// postfix user and still need to reach their queue and data directories inside it.
    public static TempDirectory Create(string prefix)
    {
        var info = Directory.CreateTempSubdirectory("mailtls-" + prefix + "-");
        File.SetUnixFileMode(
            info.FullName,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return new TempDirectory(info.FullName);
    }

    public string Combine(string relative) => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
