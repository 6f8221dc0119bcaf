using System.Collections.Immutable;

namespace MailTls.Core.OpenSsl;

/// <summary>
/// Attribution for one item of a cipher string: what it did to the list. This is what lets a finding say
/// "your <c>!aRSA</c> removed every suite this peer offers".
/// </summary>
/// <param name="Item">The item text, prefix included (<c>!RSA+AES</c>).</param>
/// <param name="Offset">Offset of the item in the string as given; for items of the built-in <c>DEFAULT</c> expansion, the offset of <c>DEFAULT</c>.</param>
/// <param name="Action">What the prefix asked for.</param>
/// <param name="FromDefaultExpansion">True when the item comes from the built-in string a leading <c>DEFAULT</c> stands for.</param>
/// <param name="Recognized">False when OpenSSL ignored the item (unknown word or empty intersection).</param>
/// <param name="Added">Suites this item activated, in the order they were appended.</param>
/// <param name="Removed">Suites that were active and this item deactivated (by <c>-</c> or <c>!</c>).</param>
/// <param name="Moved">Active suites this item moved to the end (by <c>+</c>).</param>
/// <param name="Excluded">Suites this item removed for good (by <c>!</c>), whether or not they were active.</param>
public sealed record CipherTermEffect(
    string Item,
    int Offset,
    CipherRuleAction Action,
    bool FromDefaultExpansion,
    bool Recognized,
    ImmutableArray<OpenSslCipherSuite> Added,
    ImmutableArray<OpenSslCipherSuite> Removed,
    ImmutableArray<OpenSslCipherSuite> Moved,
    ImmutableArray<OpenSslCipherSuite> Excluded)
{
    /// <summary>True when the item changed the list in any way.</summary>
    public bool HasEffect => !Added.IsEmpty || !Removed.IsEmpty || !Moved.IsEmpty || !Excluded.IsEmpty;
}
