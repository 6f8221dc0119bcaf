namespace MailTls.Core.Postfix;

/// <summary>
/// The layered Postfix configuration: defaults, then main.cf, then a service's master.cf
/// <c>-o</c> overrides. Overrides apply to the whole daemon process, so a <c>$name</c> reference
/// inside any value also sees the service's overrides.
/// </summary>
public sealed class PostfixConfiguration
{
    private readonly IReadOnlyDictionary<string, string> _defaults;

    /// <summary>Creates the layered view.</summary>
    /// <param name="main">main.cf.</param>
    /// <param name="master">master.cf, when known.</param>
    /// <param name="defaults">Default values by name (from <c>postconf -d</c> or a version table).</param>
    public PostfixConfiguration(MainCfFile main, MasterCfFile? master, IReadOnlyDictionary<string, string> defaults)
    {
        Main = main ?? throw new ArgumentNullException(nameof(main));
        Master = master;
        _defaults = defaults ?? throw new ArgumentNullException(nameof(defaults));
    }

    /// <summary>main.cf.</summary>
    public MainCfFile Main { get; }

    /// <summary>master.cf, when it was read.</summary>
    public MasterCfFile? Master { get; }

    /// <summary>The names that have a default: every parameter Postfix knows when the defaults came from postconf -d.</summary>
    public IEnumerable<string> DefaultNames => _defaults.Keys;

    /// <summary>Resolves a parameter as a daemon of <paramref name="service"/> (or main.cf alone) sees it.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="service">The master.cf service whose overrides apply; null for main.cf alone.</param>
    /// <returns>The effective value and where it came from.</returns>
    public ResolvedParameter Resolve(string name, MasterService? service = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var expander = new ParameterExpander(n => RawValue(n, service).Value);
        var (raw, source, location) = RawValue(name, service);
        var value = raw is null ? string.Empty : expander.Expand(raw);
        return new ResolvedParameter(name, raw ?? string.Empty, value, source, location, expander.Problems);
    }

    private (string? Value, ParameterSource Source, Evidence.SourceLocation? Location) RawValue(string name, MasterService? service)
    {
        if (service?.FindOverride(name) is { } o)
        {
            return (o.Value, ParameterSource.MasterCfOverride, o.Location);
        }

        if (Main.Effective.TryGetValue(name, out var entry))
        {
            return (entry.Value, ParameterSource.MainCf, entry.Location);
        }

        return _defaults.TryGetValue(name, out var d)
            ? (d, ParameterSource.Default, null)
            : (null, ParameterSource.Unknown, null);
    }
}
