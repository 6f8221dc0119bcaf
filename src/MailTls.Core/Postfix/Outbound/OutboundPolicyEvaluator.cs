namespace MailTls.Core.Postfix.Outbound;

/// <summary>
/// Explains smtp(8)'s TLS decision for a destination (postfix-tls-semantics.md sections 4.1–4.6):
/// the next hop, the policy-table lookup actually used, the level and its match list, and, given
/// a server's certificate names, the outcome Postfix logs.
/// </summary>
public static class OutboundPolicyEvaluator
{
    /// <summary>Decides the policy for a recipient domain.</summary>
    /// <param name="destination">The recipient domain.</param>
    /// <param name="config">The configuration.</param>
    /// <param name="postfix">The Postfix release.</param>
    /// <param name="policyTables">The tables of smtp_tls_policy_maps, in order.</param>
    /// <param name="transportTables">The tables of transport_maps, in order.</param>
    /// <returns>The decision.</returns>
    public static OutboundDecision Decide(
        string destination,
        PostfixConfiguration config,
        PostfixVersion postfix,
        IReadOnlyList<LookupTable> policyTables,
        IReadOnlyList<LookupTable> transportTables)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(policyTables);
        var nextHop = NextHop.For(destination, config, transportTables);
        var choice = Choose(nextHop, config, postfix, policyTables);
        if (choice.Level is not (OutboundLevel.Verify or OutboundLevel.Secure))
        {
            return new OutboundDecision { NextHop = nextHop, Choice = choice };
        }

        if (choice.Policy is { Match.Count: > 0 } policy)
        {
            return new OutboundDecision
            {
                NextHop = nextHop,
                Choice = choice,
                MatchList = policy.Match,
                MatchListSource = $"match= in {choice.Table}",
                MatchListLocation = choice.Entry!.Location,
            };
        }

        var parameter = config.Resolve(choice.Level == OutboundLevel.Secure ? "smtp_tls_secure_cert_match" : "smtp_tls_verify_cert_match", nextHop.Service(config));
        return new OutboundDecision
        {
            NextHop = nextHop,
            Choice = choice,
            MatchList = parameter.Value.Split([' ', '\t', ',', ':'], StringSplitOptions.RemoveEmptyEntries),
            MatchListSource = $"{parameter.Name} = {parameter.RawValue}" + (parameter.Source == ParameterSource.Default ? " (default)" : string.Empty),
            MatchListLocation = parameter.Location,
        };
    }

    /// <summary>Expands the match list into the names a certificate must carry for one server.</summary>
    /// <param name="decision">The decision.</param>
    /// <param name="host">The server's name (MX exchange).</param>
    /// <returns>Exact names, and ".suffix" entries meaning any sub-domain.</returns>
    public static IReadOnlyList<string> RequiredNames(OutboundDecision decision, string host)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var names = new List<string>();
        foreach (var element in decision.MatchList)
        {
            var name = element.ToLowerInvariant() switch
            {
                "nexthop" => decision.NextHop.Domain,
                "dot-nexthop" => "." + decision.NextHop.Domain,
                "hostname" => host.ToLowerInvariant().TrimEnd('.'),
                "." => null,
                var literal => literal,
            };
            if (name is not null && !names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>What Postfix logs for one server presenting a certificate with these names.</summary>
    /// <param name="decision">The decision.</param>
    /// <param name="host">The server's name.</param>
    /// <param name="presentedNames">DNS SANs, or the CN when there are none.</param>
    /// <param name="chainTrusted">Whether the chain verifies against the configured CAs.</param>
    /// <param name="postfix">The Postfix release.</param>
    /// <param name="wildcardMatchesMultipleLabels">tls_wildcard_matches_multiple_labels.</param>
    /// <returns>The verdict.</returns>
    public static HostVerdict Judge(
        OutboundDecision decision,
        string host,
        IReadOnlyList<string> presentedNames,
        bool chainTrusted,
        PostfixVersion postfix,
        bool wildcardMatchesMultipleLabels = true)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(presentedNames);
        var required = RequiredNames(decision, host);
        var matched = presentedNames.FirstOrDefault(p => required.Any(r => PostfixNameMatcher.Matches(p, r, postfix, wildcardMatchesMultipleLabels)));
        var verdict = new HostVerdict { Host = host, RequiredNames = required, PresentedNames = presentedNames, MatchedName = matched, ChainTrusted = chainTrusted };
        if (!decision.ChecksNames)
        {
            return verdict with { Label = chainTrusted ? "Trusted" : "Untrusted" };
        }

        if (!chainTrusted)
        {
            // Up to 3.5 the trust failure had its own message; 3.6+ folds it into "not verified".
            return verdict with
            {
                Label = "Untrusted",
                Deferral = postfix.AtLeast(3, 6) ? "Server certificate not verified" : "Server certificate not trusted",
                Dsn = "4.7.5",
            };
        }

        if (matched is not null)
        {
            return verdict with { Label = "Verified" };
        }

        // 3.6+ lets OpenSSL check names, so a mismatch is a verification error: "Untrusted".
        return verdict with
        {
            Label = postfix.AtLeast(3, 6) ? "Untrusted" : "Trusted",
            Deferral = "Server certificate not verified",
            Dsn = "4.7.5",
        };
    }

    private static PolicyChoice Choose(NextHop nextHop, PostfixConfiguration config, PostfixVersion postfix, IReadOnlyList<LookupTable> tables)
    {
        var keys = PolicyKeys(nextHop.Dest).ToList();
        foreach (var key in keys)
        {
            foreach (var table in tables)
            {
                if (table.Find(key) is not { } entry)
                {
                    continue;
                }

                var policy = TlsPolicy.Parse(entry.Value, postfix);
                return new PolicyChoice
                {
                    Level = policy.Problem is null ? policy.Level : null,
                    Entry = entry,
                    Table = table.Name,
                    Policy = policy,
                    KeysTried = keys[..(keys.IndexOf(key) + 1)],
                    Problem = policy.Problem,
                };
            }
        }

        var service = nextHop.Service(config);
        var global = config.Resolve("smtp_tls_security_level", service);
        if (global.Value.Trim().Length == 0)
        {
            // Empty: the obsolete smtp_enforce_tls / smtp_use_tls decide (global_tls_level()).
            var enforce = config.Resolve("smtp_enforce_tls", service);
            if (enforce.IsYes)
            {
                var peer = config.Resolve("smtp_tls_enforce_peername", service).IsYes;
                return new PolicyChoice { Level = peer ? OutboundLevel.Verify : OutboundLevel.Encrypt, Global = enforce, KeysTried = keys };
            }

            var use = config.Resolve("smtp_use_tls", service);
            return new PolicyChoice { Level = use.IsYes ? OutboundLevel.May : OutboundLevel.None, Global = use, KeysTried = keys };
        }

        var level = TlsPolicy.ParseLevel(global.Value.Trim(), postfix);
        return new PolicyChoice
        {
            Level = level,
            Global = global,
            KeysTried = keys,
            Problem = level is null ? $"Invalid TLS level \"{global.Value.Trim()}\" (fatal at start-up)" : null,
        };
    }

    /// <summary>
    /// tls_policy_lookup(): the destination verbatim, then, for a plain host name, each parent
    /// domain with a leading dot. Keys with brackets or a port get exactly one lookup.
    /// </summary>
    private static IEnumerable<string> PolicyKeys(string dest)
    {
        var key = dest.ToLowerInvariant();
        yield return key;
        if (key.Contains('[', StringComparison.Ordinal) || key.Contains(':', StringComparison.Ordinal))
        {
            yield break;
        }

        for (var dot = key.IndexOf('.', StringComparison.Ordinal); dot >= 0; dot = key.IndexOf('.', dot + 1))
        {
            yield return key[dot..];
        }
    }

}
