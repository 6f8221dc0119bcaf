using System.Collections.Immutable;

namespace MailTls.Core.OpenSsl;

/// <summary>The item parser: <c>ssl_cipher_process_rulestr</c>.</summary>
internal sealed partial class CipherStringEvaluation
{
    /// <summary><c>ITEM_SEP</c>: the characters that end an item.</summary>
    private static bool IsSeparator(char c) => c is ':' or ' ' or ';' or ',';

    /// <summary>
    /// Characters a word may contain: ASCII letters, digits, <c>-</c> and <c>.</c>, plus <c>=</c> from 1.1.0 (for
    /// <c>@SECLEVEL=n</c>). The C locale has no other letters.
    /// </summary>
    private bool IsWordChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '.' || (c == '=' && _rules.Era != OpenSslEra.V102);

    /// <summary>Runs the items of <paramref name="s"/> from <paramref name="start"/>; false when OpenSSL would reject the string.</summary>
    private bool ProcessRuleString(string s, int start = 0, bool fromDefault = false, int defaultOffset = 0)
    {
        bool ok = true;
        int l = start;
        while (l < s.Length)
        {
            char ch = s[l];
            int itemStart = l;
            CipherRuleAction action = ch switch
            {
                '-' => CipherRuleAction.Remove,
                '+' => CipherRuleAction.MoveToEnd,
                '!' => CipherRuleAction.Kill,
                '@' => CipherRuleAction.Command,
                _ => CipherRuleAction.Add,
            };
            if (action != CipherRuleAction.Add)
            {
                l++;
            }
            else if (IsSeparator(ch))
            {
                l++;
                continue;
            }

            var mask = default(MaskBuilder);
            bool found = false;
            int wordStart;
            int wordLength;
            string? problem = null;
            CipherStringWarningKind problemKind = CipherStringWarningKind.UnknownWord;
            while (true)
            {
                wordStart = l;
                while (l < s.Length && IsWordChar(s[l]))
                {
                    l++;
                }

                wordLength = l - wordStart;
                if (wordLength == 0)
                {
                    // Not a word, not a separator: OpenSSL stops with "invalid command" and rejects the list.
                    string bad = l < s.Length ? s[l].ToString() : "end of string";
                    int at = fromDefault ? defaultOffset : l;
                    _errorOffset = at;
                    Warn(CipherStringWarningKind.Invalid, at, s[itemStart..Math.Min(s.Length, l + 1)],
                        $"Expected a cipher name or alias but found '{bad}'; OpenSSL rejects the whole string.");
                    RecordTerm(s[itemStart..l], fromDefault ? defaultOffset : itemStart, action, fromDefault, recognized: false);
                    return false;
                }

                if (action == CipherRuleAction.Command)
                {
                    break;
                }

                bool multi = l < s.Length && s[l] == '+';
                if (multi)
                {
                    l++;
                }

                ReadOnlySpan<char> word = s.AsSpan(wordStart, wordLength);
                WordLookup hit = Lookup(word);
                if (hit.Kind is not (WordKind.Suite or WordKind.Alias))
                {
                    found = false;
                    problem = DescribeUnknown(word, hit.Kind, out problemKind);
                    break;
                }

                found = hit.Kind == WordKind.Suite
                    ? mask.AddSuite(_list.SuiteAt(hit.Node), hit.Node, _rules)
                    : mask.AddAlias(hit.Alias!, _rules);
                if (!found)
                {
                    problemKind = CipherStringWarningKind.EmptyIntersection;
                    problem = $"'{word}' cannot match together with the words before it, so OpenSSL ignores the whole item.";
                    break;
                }

                if (!multi)
                {
                    break;
                }
            }

            if (action == CipherRuleAction.Command)
            {
                ok &= RunCommand(s, itemStart, wordStart, wordLength, fromDefault, defaultOffset);
                l = SkipToSeparator(s, l);
            }
            else if (found)
            {
                _recorder.Clear();
                CipherMatchRule rule = mask.ToRule();
                _list.Apply(in rule, ToOperation(action), _recorder);
                CipherTermEffect effect = RecordTerm(s[itemStart..l], fromDefault ? defaultOffset : itemStart, action, fromDefault, recognized: true);
                if (!effect.HasEffect && !fromDefault)
                {
                    Warn(CipherStringWarningKind.NoEffect, itemStart, effect.Item, NoEffectMessage(action));
                }
            }
            else
            {
                l = SkipToSeparator(s, l);
                string item = s[itemStart..l];
                RecordTerm(item, fromDefault ? defaultOffset : itemStart, action, fromDefault, recognized: false);
                if (!fromDefault)
                {
                    Warn(problemKind, itemStart, item, problem ?? "OpenSSL ignores this item.");
                }
            }
        }

        return ok;
    }

    private static int SkipToSeparator(string s, int l)
    {
        while (l < s.Length && !IsSeparator(s[l]))
        {
            l++;
        }

        return l;
    }

    private static CipherListOperation ToOperation(CipherRuleAction action) => action switch
    {
        CipherRuleAction.Add => CipherListOperation.Add,
        CipherRuleAction.Remove => CipherListOperation.Remove,
        CipherRuleAction.MoveToEnd => CipherListOperation.MoveToEnd,
        _ => CipherListOperation.Kill,
    };

    private static string NoEffectMessage(CipherRuleAction action) => action switch
    {
        CipherRuleAction.Add => "Adds nothing: every suite it matches is already in the list or was excluded earlier.",
        CipherRuleAction.Remove => "Removes nothing: none of the suites it matches is in the list at this point.",
        CipherRuleAction.MoveToEnd => "Moves nothing: none of the suites it matches is in the list at this point.",
        _ => "Excludes nothing: this OpenSSL has no suite it matches (or they were excluded already).",
    };

    /// <summary><c>@STRENGTH</c> and <c>@SECLEVEL=n</c>; anything else makes OpenSSL reject the list, though it reads on.</summary>
    private bool RunCommand(string s, int itemStart, int wordStart, int wordLength, bool fromDefault, int defaultOffset)
    {
        ReadOnlySpan<char> word = s.AsSpan(wordStart, wordLength);
        int offset = fromDefault ? defaultOffset : itemStart;
        string item = s[itemStart..SkipToSeparator(s, wordStart + wordLength)];
        if (word.SequenceEqual("STRENGTH"))
        {
            _list.SortByStrength();
            RecordTerm(item, offset, CipherRuleAction.Command, fromDefault, recognized: true, clear: true);
            return true;
        }

        if (_rules.HasSecurityLevels && wordLength == 10 && word.StartsWith("SECLEVEL="))
        {
            int level = word[9] - '0';
            if (level is >= 0 and <= OpenSslSecurityLevel.Maximum)
            {
                _securityLevel = level;
                RecordTerm(item, offset, CipherRuleAction.Command, fromDefault, recognized: true, clear: true);
                return true;
            }
        }

        _errorOffset ??= offset;
        string why = !_rules.HasSecurityLevels && word.StartsWith("SECLEVEL")
            ? "@SECLEVEL exists only from OpenSSL 1.1.0; this OpenSSL rejects the whole string."
            : word.StartsWith("SECLEVEL")
                ? "@SECLEVEL takes one digit from 0 to 5; OpenSSL rejects the whole string."
                : "Only @STRENGTH and @SECLEVEL=n are commands; OpenSSL rejects the whole string.";
        Warn(CipherStringWarningKind.Invalid, offset, item, why);
        RecordTerm(item, offset, CipherRuleAction.Command, fromDefault, recognized: false, clear: true);
        return false;
    }

    private string DescribeUnknown(ReadOnlySpan<char> word, WordKind kind, out CipherStringWarningKind warningKind)
    {
        warningKind = CipherStringWarningKind.UnknownWord;
        string era = EraName(_rules.Era);
        if (kind == WordKind.UnusableAlias)
        {
            return $"'{word}' names only algorithms this {era} build cannot use, so OpenSSL ignores the item.";
        }

        if (kind == WordKind.UnusableSuite)
        {
            return $"'{word}' is not compiled into this {era} build, so OpenSSL ignores the item.";
        }

        if (word.SequenceEqual("DEFAULT"))
        {
            warningKind = CipherStringWarningKind.DefaultNotAtStart;
            return "DEFAULT is expanded only at the very start of the string; here it is an unknown word and OpenSSL ignores it.";
        }

        string? properCase = FindIgnoringCase(word);
        if (properCase is not null)
        {
            warningKind = CipherStringWarningKind.WrongCase;
            return $"'{word}' is not '{properCase}': OpenSSL compares names case-sensitively and ignores the item.";
        }

        return $"'{word}' is neither a cipher suite nor an alias in {era}; OpenSSL ignores the item without an error.";
    }

    private string? FindIgnoringCase(ReadOnlySpan<char> word)
    {
        foreach (OpenSslCipherAlias a in _rules.Aliases)
        {
            if (word.Equals(a.Name, StringComparison.OrdinalIgnoreCase))
            {
                return a.Name;
            }
        }

        foreach (OpenSslCipherSuite c in _rules.Suites)
        {
            if (word.Equals(c.Name, StringComparison.OrdinalIgnoreCase))
            {
                return c.Name;
            }
        }

        return null;
    }

    private static string EraName(OpenSslEra era) => era switch
    {
        OpenSslEra.V102 => "OpenSSL 1.0.x",
        OpenSslEra.V111 => "OpenSSL 1.1.x",
        _ => "OpenSSL 3.x",
    };

    private CipherTermEffect RecordTerm(string item, int offset, CipherRuleAction action, bool fromDefault, bool recognized, bool clear = false)
    {
        if (clear || !recognized)
        {
            _recorder.Clear();
        }

        var effect = new CipherTermEffect(
            item, offset, action, fromDefault, recognized,
            ToSuites(_recorder.Added), ToSuites(_recorder.Removed), ToSuites(_recorder.Moved), ToSuites(_recorder.Excluded));
        _terms.Add(effect);
        return effect;
    }

    private ImmutableArray<OpenSslCipherSuite> ToSuites(List<int> nodes)
    {
        if (nodes.Count == 0)
        {
            return [];
        }

        var array = new OpenSslCipherSuite[nodes.Count];
        for (int i = 0; i < array.Length; i++)
        {
            array[i] = _list.SuiteAt(nodes[i]);
        }

        return ImmutableArray.Create(array);
    }
}
