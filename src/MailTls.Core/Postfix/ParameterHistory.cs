namespace MailTls.Core.Postfix;

/// <summary>A parameter's place in Postfix's history, relative to one release.</summary>
/// <param name="Name">The parameter.</param>
/// <param name="KnownInRelease">Whether the release asked about knows it.</param>
/// <param name="FirstRelease">The first release (2.6.0 or earlier) that knows it.</param>
/// <param name="Source">The file and tag of the table's first row with a value.</param>
public sealed record ParameterHistory(string Name, bool KnownInRelease, PostfixVersion FirstRelease, string Source)
{
    /// <summary>When the release does not know it yet: the nearest release that does (a later patch of its series first).</summary>
    public PostfixVersion? AddedIn { get; init; }

    /// <summary>When an older release knew it and this one does not: the release that dropped it.</summary>
    public PostfixVersion? RemovedIn { get; init; }
}
