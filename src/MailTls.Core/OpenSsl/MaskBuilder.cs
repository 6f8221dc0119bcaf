namespace MailTls.Core.OpenSsl;

/// <summary>
/// Accumulates the words of one <c>+</c>-joined item into a match rule, field by field, the way
/// <c>ssl_cipher_process_rulestr</c> does: a field set by two words keeps the intersection, and an empty
/// intersection voids the item.
/// </summary>
internal struct MaskBuilder
{
    private OpenSslKeyExchange _kx;
    private OpenSslAuthentication _au;
    private OpenSslEncryption _enc;
    private OpenSslMac _mac;
    private OpenSslProtocol _protocol;
    private OpenSslStrength _strength;
    private int _node;
    private bool _hasNode;

    /// <summary>Adds a suite named explicitly; its protocol class does not become part of the pattern.</summary>
    /// <param name="suite">The suite.</param>
    /// <param name="node">Its pool node.</param>
    /// <param name="rules">Era rules.</param>
    /// <returns>False when the item can no longer match anything.</returns>
    public bool AddSuite(OpenSslCipherSuite suite, int node, OpenSslEraRules rules)
    {
        if (!AddAlgorithms(suite.KeyExchange, suite.Authentication, suite.Encryption, suite.Mac)
            || !AddStrength(suite.Strength, rules))
        {
            return false;
        }

        if (rules.NameSelectsById)
        {
            _node = node;
            _hasNode = true;
        }

        return true;
    }

    /// <summary>Adds an alias.</summary>
    /// <param name="alias">The alias.</param>
    /// <param name="rules">Era rules.</param>
    /// <returns>False when the item can no longer match anything.</returns>
    public bool AddAlias(OpenSslCipherAlias alias, OpenSslEraRules rules)
    {
        if (!AddAlgorithms(alias.KeyExchange, alias.Authentication, alias.Encryption, alias.Mac)
            || !AddStrength(alias.Strength, rules))
        {
            return false;
        }

        if (alias.Protocol != 0)
        {
            _protocol = _protocol == 0 ? alias.Protocol : _protocol & alias.Protocol;
            if (_protocol == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The finished rule.</summary>
    /// <returns>The match rule.</returns>
    public readonly CipherMatchRule ToRule() =>
        new(_kx, _au, _enc, _mac, _protocol, _strength, _hasNode ? _node : -1);

    private bool AddAlgorithms(OpenSslKeyExchange kx, OpenSslAuthentication au, OpenSslEncryption enc, OpenSslMac mac)
    {
        if (kx != 0)
        {
            _kx = _kx == 0 ? kx : _kx & kx;
            if (_kx == 0)
            {
                return false;
            }
        }

        if (au != 0)
        {
            _au = _au == 0 ? au : _au & au;
            if (_au == 0)
            {
                return false;
            }
        }

        if (enc != 0)
        {
            _enc = _enc == 0 ? enc : _enc & enc;
            if (_enc == 0)
            {
                return false;
            }
        }

        if (mac != 0)
        {
            _mac = _mac == 0 ? mac : _mac & mac;
            if (_mac == 0)
            {
                return false;
            }
        }

        return true;
    }

    private bool AddStrength(OpenSslStrength add, OpenSslEraRules rules)
    {
        OpenSslStrength strong = rules.StrongMask;
        if (rules.Era == OpenSslEra.V102)
        {
            OpenSslStrength export = rules.ExportMask;
            if ((add & export) != 0)
            {
                if ((_strength & export) != 0)
                {
                    _strength &= (add & export) | ~export;
                    if ((_strength & export) == 0)
                    {
                        return false;
                    }
                }
                else
                {
                    _strength |= add & export;
                }
            }

            if ((add & strong) != 0)
            {
                if ((_strength & strong) != 0)
                {
                    _strength &= (add & strong) | ~strong;
                    if ((_strength & strong) == 0)
                    {
                        return false;
                    }
                }
                else
                {
                    _strength |= add & strong;
                }
            }

            _strength |= add & OpenSslStrength.NotDefault;
            return true;
        }

        if ((add & strong) != 0)
        {
            if ((_strength & strong) != 0)
            {
                _strength &= (add & strong) | ~strong;
                if ((_strength & strong) == 0)
                {
                    return false;
                }
            }
            else
            {
                // 1.1.0+ assigns here rather than OR-ing, so a NotDefault flag set by an earlier word is lost
                // (COMPLEMENTOFDEFAULT+HIGH selects all of HIGH). Reproduced on purpose.
                _strength = add & strong;
            }
        }

        _strength |= add & OpenSslStrength.NotDefault;
        return true;
    }
}
