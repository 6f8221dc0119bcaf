namespace MailTls.Core.OpenSsl;

/// <summary>Pool nodes touched by one cipher-string item, collected while the rule runs.</summary>
internal sealed class CipherTermRecorder
{
    /// <summary>Nodes activated.</summary>
    public List<int> Added { get; } = [];

    /// <summary>Active nodes deactivated.</summary>
    public List<int> Removed { get; } = [];

    /// <summary>Active nodes moved to the end.</summary>
    public List<int> Moved { get; } = [];

    /// <summary>Nodes unlinked for good.</summary>
    public List<int> Excluded { get; } = [];

    /// <summary>Forgets everything, for reuse by the next item.</summary>
    public void Clear()
    {
        Added.Clear();
        Removed.Clear();
        Moved.Clear();
        Excluded.Clear();
    }
}
