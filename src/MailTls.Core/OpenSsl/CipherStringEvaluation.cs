using System.Collections.Frozen;
using System.Collections.Immutable;

namespace MailTls.Core.OpenSsl;

/// <summary>
/// One run of <c>ssl_create_cipher_list</c> for one string: built-in ordering, then the items of the string
/// (<c>ssl_cipher_process_rulestr</c>), with attribution recorded per item.
/// </summary>
internal sealed partial class CipherStringEvaluation
{
    private readonly string _text;
    private readonly OpenSslBuild _build;
    private readonly OpenSslEraRules _rules;
    private readonly OpenSslEraRules.DisabledAlgorithms _disabled;
    private readonly CipherOrderList _list;
    private readonly CipherTermRecorder _recorder = new();
    private readonly ImmutableArray<CipherTermEffect>.Builder _terms = ImmutableArray.CreateBuilder<CipherTermEffect>();
    private readonly ImmutableArray<CipherStringWarning>.Builder _warnings = ImmutableArray.CreateBuilder<CipherStringWarning>();
    private int _securityLevel;
    private int? _errorOffset;

    public CipherStringEvaluation(string text, OpenSslBuild build)
    {
        _text = text;
        _build = build;
        _rules = OpenSslEraRules.For(build.Era);
        _disabled = OpenSslEraRules.DisabledFor(build);
        _list = new CipherOrderList(_rules, build, _disabled);
        _securityLevel = _rules.HasSecurityLevels ? Math.Clamp(build.SecurityLevel, 0, OpenSslSecurityLevel.Maximum) : 0;
    }

    public CipherStringResult Run(string tls13CipherSuites)
    {
        ApplyBuiltInOrdering();

        // OpenSSL reads a C string: anything after a NUL is never seen.
        string rules = _text;
        int nul = rules.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            rules = rules[..nul];
            Warn(CipherStringWarningKind.TruncatedAtNul, nul, "\\0", "The string contains a NUL character; OpenSSL ignores everything after it.");
        }

        bool ok = true;
        int start = 0;
        string? suiteB = SuiteBReplacement(rules);
        if (suiteB is not null)
        {
            Warn(CipherStringWarningKind.SuiteBReplacement, 0, rules, $"A leading Suite B keyword replaces the whole string with \"{suiteB}\".");
            ok = ProcessRuleString(suiteB, fromDefault: true, defaultOffset: 0);
            start = rules.Length;
        }
        else if (rules.StartsWith("DEFAULT", StringComparison.Ordinal))
        {
            // Only a leading DEFAULT is expanded (a strncmp on the first seven characters); the rest follows it.
            ok = ProcessRuleString(_rules.DefaultCipherList, fromDefault: true, defaultOffset: 0);
            start = 7;
            if (start < rules.Length && rules[start] == ':')
            {
                start++;
            }
        }

        if (ok && start < rules.Length)
        {
            ok = ProcessRuleString(rules, start);
        }

        OpenSslCipherSuite[] active = ok ? _list.ActiveSuites() : [];
        CipherStringStatus status = !ok ? CipherStringStatus.InvalidCommand
            : active.Length == 0 ? CipherStringStatus.NoCipherMatch
            : CipherStringStatus.Accepted;
        if (status == CipherStringStatus.NoCipherMatch)
        {
            Warn(CipherStringWarningKind.Invalid, 0, _text,
                "No TLS 1.2-or-below suite is left; OpenSSL rejects the list with \"no cipher match\".");
        }

        ImmutableArray<OpenSslCipherSuite> tls13 = status == CipherStringStatus.Accepted && _rules.HasTls13
            ? OpenSslCipherString.ParseTls13CipherSuites(tls13CipherSuites, _rules.Era)
            : [];
        return new CipherStringResult(
            _text, _build, status, _errorOffset, _securityLevel,
            ImmutableArray.Create(active), tls13, _terms.ToImmutable(), _warnings.ToImmutable());
    }

    /// <summary>
    /// <c>check_suiteb_cipher_list</c>: a string starting with a Suite B keyword (1.0.2+) is replaced as a whole.
    /// </summary>
    private static string? SuiteBReplacement(string rules)
    {
        if (rules.StartsWith("SUITEB128ONLY", StringComparison.Ordinal))
        {
            return "ECDHE-ECDSA-AES128-GCM-SHA256";
        }

        if (rules.StartsWith("SUITEB128C2", StringComparison.Ordinal) || rules.StartsWith("SUITEB192", StringComparison.Ordinal))
        {
            return "ECDHE-ECDSA-AES256-GCM-SHA384";
        }

        return rules.StartsWith("SUITEB128", StringComparison.Ordinal)
            ? "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384"
            : null;
    }

    /// <summary>The preference order every list starts from, per era (before the string's first item).</summary>
    private void ApplyBuiltInOrdering()
    {
        if (_rules.Era == OpenSslEra.V102)
        {
            // 1.0.2: ECDHE first, AES next, then everything; MD5, anonymous, static ECDH, RSA, PSK, KRB5, RC4 last.
            Order(new(KeyExchange: OpenSslKeyExchange.Ecdhe), CipherListOperation.Add);
            Order(new(KeyExchange: OpenSslKeyExchange.Ecdhe), CipherListOperation.Remove);
            Order(new(Encryption: OpenSslEncryption.Aes128 | OpenSslEncryption.Aes256 | OpenSslEncryption.Aes128Gcm | OpenSslEncryption.Aes256Gcm), CipherListOperation.Add);
            Order(CipherMatchRule.Everything, CipherListOperation.Add);
            Order(new(Mac: OpenSslMac.Md5), CipherListOperation.MoveToEnd);
            Order(new(Authentication: OpenSslAuthentication.Null), CipherListOperation.MoveToEnd);
            Order(new(Authentication: OpenSslAuthentication.Ecdh), CipherListOperation.MoveToEnd);
            Order(new(KeyExchange: OpenSslKeyExchange.Rsa), CipherListOperation.MoveToEnd);
            Order(new(KeyExchange: OpenSslKeyExchange.Psk), CipherListOperation.MoveToEnd);
            Order(new(KeyExchange: OpenSslKeyExchange.Krb5), CipherListOperation.MoveToEnd);
            Order(new(Encryption: OpenSslEncryption.Rc4), CipherListOperation.MoveToEnd);
            _list.SortByStrength();
            Order(CipherMatchRule.Everything, CipherListOperation.Remove);
            return;
        }

        // 1.1.0+: ECDHE (ECDSA before RSA), AES-GCM, ChaCha20, other AES, then the rest; demote MD5, anonymous,
        // static RSA, plain PSK and RC4; sort by strength; then bump TLS 1.2, AEAD, PFS and PFS+AEAD to the front.
        Order(new(KeyExchange: OpenSslKeyExchange.Ecdhe, Authentication: OpenSslAuthentication.Ecdsa), CipherListOperation.Add);
        Order(new(KeyExchange: OpenSslKeyExchange.Ecdhe), CipherListOperation.Add);
        Order(new(KeyExchange: OpenSslKeyExchange.Ecdhe), CipherListOperation.Remove);
        Order(new(Encryption: OpenSslEncryption.Aes128Gcm | OpenSslEncryption.Aes256Gcm), CipherListOperation.Add);
        Order(new(Encryption: OpenSslEncryption.ChaCha20Poly1305), CipherListOperation.Add);
        Order(new(Encryption: OpenSslEncryption.Aes128 | OpenSslEncryption.Aes256 | OpenSslEncryption.Aes128Ccm
            | OpenSslEncryption.Aes256Ccm | OpenSslEncryption.Aes128Ccm8 | OpenSslEncryption.Aes256Ccm8), CipherListOperation.Add);
        Order(CipherMatchRule.Everything, CipherListOperation.Add);
        Order(new(Mac: OpenSslMac.Md5), CipherListOperation.MoveToEnd);
        Order(new(Authentication: OpenSslAuthentication.Null), CipherListOperation.MoveToEnd);
        Order(new(KeyExchange: OpenSslKeyExchange.Rsa), CipherListOperation.MoveToEnd);
        Order(new(KeyExchange: OpenSslKeyExchange.Psk), CipherListOperation.MoveToEnd);
        Order(new(Encryption: OpenSslEncryption.Rc4), CipherListOperation.MoveToEnd);
        _list.SortByStrength();
        Order(new(Protocol: OpenSslProtocol.TlsV12), CipherListOperation.Bump);
        Order(new(Mac: OpenSslMac.Aead), CipherListOperation.Bump);
        Order(new(KeyExchange: OpenSslKeyExchange.Dhe | OpenSslKeyExchange.Ecdhe), CipherListOperation.Bump);
        Order(new(KeyExchange: OpenSslKeyExchange.Dhe | OpenSslKeyExchange.Ecdhe, Mac: OpenSslMac.Aead), CipherListOperation.Bump);
        Order(CipherMatchRule.Everything, CipherListOperation.Remove);
    }

    private void Order(CipherMatchRule rule, CipherListOperation op) => _list.Apply(in rule, op, recorder: null);

    private void Warn(CipherStringWarningKind kind, int offset, string item, string message) =>
        _warnings.Add(new CipherStringWarning(kind, offset, item, message));

    /// <summary>Looks a word up the way <c>ssl_cipher_collect_aliases</c> arranged <c>ca_list</c>: usable suites first, then usable aliases.</summary>
    private WordLookup Lookup(ReadOnlySpan<char> word)
    {
        FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> suites =
            _rules.SuiteIndexByName.GetAlternateLookup<ReadOnlySpan<char>>();
        bool isSuiteName = suites.TryGetValue(word, out int tableIndex);
        if (isSuiteName && _list.NodeOfTableIndex[tableIndex] >= 0)
        {
            return new WordLookup(WordKind.Suite, _list.NodeOfTableIndex[tableIndex], null);
        }

        FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> aliases =
            _rules.AliasIndexByName.GetAlternateLookup<ReadOnlySpan<char>>();
        if (aliases.TryGetValue(word, out int aliasIndex))
        {
            OpenSslCipherAlias alias = _rules.Aliases[aliasIndex];
            return IsAliasUsable(alias)
                ? new WordLookup(WordKind.Alias, -1, alias)
                : new WordLookup(WordKind.UnusableAlias, -1, alias);
        }

        return new WordLookup(isSuiteName ? WordKind.UnusableSuite : WordKind.Unknown, -1, null);
    }

    /// <summary>An alias is left out of <c>ca_list</c> when every algorithm it names in some field is disabled.</summary>
    private bool IsAliasUsable(OpenSslCipherAlias alias) =>
        (alias.KeyExchange == 0 || (alias.KeyExchange & ~_disabled.KeyExchange) != 0)
        && (alias.Authentication == 0 || (alias.Authentication & ~_disabled.Authentication) != 0)
        && (alias.Encryption == 0 || (alias.Encryption & ~_disabled.Encryption) != 0)
        && (alias.Mac == 0 || (alias.Mac & ~_disabled.Mac) != 0);

    private enum WordKind
    {
        Unknown,
        Suite,
        Alias,
        UnusableAlias,
        UnusableSuite,
    }

    private readonly record struct WordLookup(WordKind Kind, int Node, OpenSslCipherAlias? Alias);
}
