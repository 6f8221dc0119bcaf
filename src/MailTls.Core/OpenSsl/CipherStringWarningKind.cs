namespace MailTls.Core.OpenSsl;

/// <summary>Why an item of a cipher string deserves the reader's attention.</summary>
public enum CipherStringWarningKind
{
    /// <summary>The word is neither a suite name nor an alias in this era; OpenSSL ignores the whole item silently.</summary>
    UnknownWord,
    /// <summary>The word differs from a known name only in letter case; OpenSSL compares case-sensitively and ignores it.</summary>
    WrongCase,
    /// <summary><c>DEFAULT</c> is expanded only at the very start of the string; elsewhere it is an unknown word.</summary>
    DefaultNotAtStart,
    /// <summary>A <c>+</c>-joined item whose parts cannot match together (for example <c>ADH+AECDH</c>); it is ignored.</summary>
    EmptyIntersection,
    /// <summary>The item is valid but changed nothing (its suites are absent, inactive or already excluded).</summary>
    NoEffect,
    /// <summary>The item makes OpenSSL reject the whole string.</summary>
    Invalid,
    /// <summary>A Suite B keyword at the start replaced the whole string.</summary>
    SuiteBReplacement,
    /// <summary>The string contains a NUL character; OpenSSL stops reading there.</summary>
    TruncatedAtNul,
}
