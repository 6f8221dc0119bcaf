namespace MailTls.Core.OpenSsl;

/// <summary>
/// The working list of <c>ssl_create_cipher_list</c>: every usable suite of the build in one doubly
/// linked list, each either active (in the result) or inactive (in the pool, may be added later),
/// or unlinked for good by <c>!</c>. Kept in index arrays so that one evaluation allocates a handful
/// of small arrays and nothing per rule.
/// </summary>
internal sealed class CipherOrderList
{
    private const int Nil = -1;

    private readonly OpenSslCipherSuite[] _suites;
    private readonly int[] _next;
    private readonly int[] _prev;
    private readonly bool[] _active;
    private readonly OpenSslEraRules _rules;
    private int _head = Nil;
    private int _tail = Nil;

    /// <summary>Builds the pool as <c>ssl_cipher_collect_ciphers</c> does: the table walked from its end, unusable suites skipped.</summary>
    /// <param name="rules">Era rules.</param>
    /// <param name="build">Build options.</param>
    /// <param name="disabled">Algorithms the build cannot use.</param>
    public CipherOrderList(OpenSslEraRules rules, OpenSslBuild build, OpenSslEraRules.DisabledAlgorithms disabled)
    {
        _rules = rules;
        OpenSslCipherSuite[] table = rules.Suites;
        var pool = new OpenSslCipherSuite[table.Length];
        NodeOfTableIndex = new int[table.Length];
        int count = 0;

        // ssl3_get_cipher(u) returns ssl3_ciphers[N - 1 - u], so the pool starts with the last row.
        for (int u = 0; u < table.Length; u++)
        {
            int tableIndex = table.Length - 1 - u;
            OpenSslCipherSuite c = table[tableIndex];
            NodeOfTableIndex[tableIndex] = Nil;
            if ((c.Requires == OpenSslBuildRequirement.WeakCiphers && !build.WeakCiphers)
                || (c.KeyExchange & disabled.KeyExchange) != 0
                || (c.Authentication & disabled.Authentication) != 0
                || (c.Encryption & disabled.Encryption) != 0
                || (c.Mac & disabled.Mac) != 0)
            {
                continue;
            }

            if (rules.Era == OpenSslEra.V102)
            {
                if (!build.StaticDh && (c.KeyExchange & (OpenSslKeyExchange.DhRsa | OpenSslKeyExchange.DhDss)) != 0)
                {
                    continue;
                }

                c = AdjustTripleDes(c, build);
            }

            NodeOfTableIndex[tableIndex] = count;
            pool[count++] = c;
        }

        _suites = pool;
        Count = count;
        _next = new int[count];
        _prev = new int[count];
        _active = new bool[count];
        for (int i = 0; i < count; i++)
        {
            _prev[i] = i - 1;
            _next[i] = i + 1 < count ? i + 1 : Nil;
        }

        if (count > 0)
        {
            _head = 0;
            _tail = count - 1;
        }
    }

    /// <summary>1.0.x releases before 1.0.2i/1.0.1u (and RHEL) classed and weighed 3DES differently from the 1.0.2s table.</summary>
    private static OpenSslCipherSuite AdjustTripleDes(OpenSslCipherSuite c, OpenSslBuild build)
    {
        if (c.Encryption != OpenSslEncryption.TripleDes || (!build.TripleDesHigh && build.TripleDesStrengthBits is null))
        {
            return c;
        }

        OpenSslStrength strength = build.TripleDesHigh
            ? (c.Strength & ~OpenSslStrength.Medium) | OpenSslStrength.High
            : c.Strength;
        return c with { Strength = strength, StrengthBits = build.TripleDesStrengthBits ?? c.StrengthBits };
    }

    /// <summary>Number of suites in the pool (usable in this build).</summary>
    public int Count { get; }

    /// <summary>Pool node of each table row, or -1 when the build cannot use the suite.</summary>
    public int[] NodeOfTableIndex { get; }

    /// <summary>Suite at a pool node.</summary>
    /// <param name="node">Node index.</param>
    /// <returns>The suite.</returns>
    public OpenSslCipherSuite SuiteAt(int node) => _suites[node];

    /// <summary>
    /// Applies one rule to every linked suite it matches (<c>ssl_cipher_apply_rule</c>). Removal and
    /// bumping walk the list backwards so that the suites they move to the head keep their relative order.
    /// </summary>
    /// <param name="rule">What to match.</param>
    /// <param name="op">What to do with matches.</param>
    /// <param name="recorder">Collects attribution, or null for the built-in ordering rules.</param>
    public void Apply(in CipherMatchRule rule, CipherListOperation op, CipherTermRecorder? recorder)
    {
        bool reverse = op is CipherListOperation.Remove or CipherListOperation.Bump;
        int next = reverse ? _tail : _head;
        int last = reverse ? _head : _tail;
        int curr = Nil;
        while (curr != last)
        {
            curr = next;
            if (curr == Nil)
            {
                break;
            }

            next = reverse ? _prev[curr] : _next[curr];
            if (!Matches(in rule, curr))
            {
                continue;
            }

            switch (op)
            {
                case CipherListOperation.Add:
                    if (!_active[curr])
                    {
                        AppendTail(curr);
                        _active[curr] = true;
                        recorder?.Added.Add(curr);
                    }

                    break;
                case CipherListOperation.MoveToEnd:
                    if (_active[curr])
                    {
                        AppendTail(curr);
                        recorder?.Moved.Add(curr);
                    }

                    break;
                case CipherListOperation.Remove:
                    if (_active[curr])
                    {
                        // The most recently removed suites get the best places for a later add.
                        AppendHead(curr);
                        _active[curr] = false;
                        recorder?.Removed.Add(curr);
                    }

                    break;
                case CipherListOperation.Bump:
                    if (_active[curr])
                    {
                        AppendHead(curr);
                    }

                    break;
                case CipherListOperation.Kill:
                    if (_active[curr])
                    {
                        recorder?.Removed.Add(curr);
                    }

                    recorder?.Excluded.Add(curr);
                    Unlink(curr);
                    break;
            }
        }

        if (reverse && recorder is not null)
        {
            // Report removals in list order, not in the backward walk's order.
            recorder.Removed.Reverse();
        }
    }

    /// <summary>
    /// <c>@STRENGTH</c> (<c>ssl_cipher_strength_sort</c>): a stable sort by descending strength bits,
    /// done as one move-to-end per strength value present among the active suites.
    /// </summary>
    public void SortByStrength()
    {
        int max = 0;
        for (int n = _head; n != Nil; n = _next[n])
        {
            if (_active[n] && _suites[n].StrengthBits > max)
            {
                max = _suites[n].StrengthBits;
            }
        }

        // Strength bits are at most 256 in every table, so this stays a small stack buffer.
        Span<int> uses = max < 1024 ? stackalloc int[max + 1] : new int[max + 1];
        for (int n = _head; n != Nil; n = _next[n])
        {
            if (_active[n])
            {
                uses[_suites[n].StrengthBits]++;
            }
        }

        for (int bits = max; bits >= 0; bits--)
        {
            if (uses[bits] > 0)
            {
                Apply(CipherMatchRule.ByStrengthBits(bits), CipherListOperation.MoveToEnd, recorder: null);
            }
        }
    }

    /// <summary>Copies the active suites in list order.</summary>
    /// <returns>The resulting cipher list.</returns>
    public OpenSslCipherSuite[] ActiveSuites()
    {
        int count = 0;
        for (int n = _head; n != Nil; n = _next[n])
        {
            if (_active[n])
            {
                count++;
            }
        }

        var result = new OpenSslCipherSuite[count];
        int i = 0;
        for (int n = _head; n != Nil; n = _next[n])
        {
            if (_active[n])
            {
                result[i++] = _suites[n];
            }
        }

        return result;
    }

    private bool Matches(in CipherMatchRule rule, int node)
    {
        OpenSslCipherSuite s = _suites[node];
        if (rule.StrengthBits >= 0)
        {
            return s.StrengthBits == rule.StrengthBits;
        }

        if (rule.Node >= 0 && rule.Node != node)
        {
            return false;
        }

        if ((rule.KeyExchange != 0 && (rule.KeyExchange & s.KeyExchange) == 0)
            || (rule.Authentication != 0 && (rule.Authentication & s.Authentication) == 0)
            || (rule.Encryption != 0 && (rule.Encryption & s.Encryption) == 0)
            || (rule.Mac != 0 && (rule.Mac & s.Mac) == 0)
            || (rule.Protocol != 0 && (rule.Protocol & s.MinimumProtocol) == 0))
        {
            return false;
        }

        OpenSslStrength strong = rule.Strength & _rules.StrongMask;
        if (strong != 0 && (strong & s.Strength) == 0)
        {
            return false;
        }

        OpenSslStrength export = rule.Strength & _rules.ExportMask;
        if (export != 0 && (export & s.Strength) == 0)
        {
            return false;
        }

        return (rule.Strength & OpenSslStrength.NotDefault) == 0 || (s.Strength & OpenSslStrength.NotDefault) != 0;
    }

    private void AppendTail(int c)
    {
        if (c == _tail)
        {
            return;
        }

        if (c == _head)
        {
            _head = _next[c];
        }

        if (_prev[c] != Nil)
        {
            _next[_prev[c]] = _next[c];
        }

        if (_next[c] != Nil)
        {
            _prev[_next[c]] = _prev[c];
        }

        _next[_tail] = c;
        _prev[c] = _tail;
        _next[c] = Nil;
        _tail = c;
    }

    private void AppendHead(int c)
    {
        if (c == _head)
        {
            return;
        }

        if (c == _tail)
        {
            _tail = _prev[c];
        }

        if (_next[c] != Nil)
        {
            _prev[_next[c]] = _prev[c];
        }

        if (_prev[c] != Nil)
        {
            _next[_prev[c]] = _next[c];
        }

        _prev[_head] = c;
        _next[c] = _head;
        _prev[c] = Nil;
        _head = c;
    }

    private void Unlink(int c)
    {
        if (_head == c)
        {
            _head = _next[c];
        }

        if (_tail == c)
        {
            _tail = _prev[c];
        }

        if (_next[c] != Nil)
        {
            _prev[_next[c]] = _prev[c];
        }

        if (_prev[c] != Nil)
        {
            _next[_prev[c]] = _next[c];
        }

        _active[c] = false;
        _next[c] = Nil;
        _prev[c] = Nil;
    }
}
