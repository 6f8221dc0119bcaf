namespace MailTls.Core.Postfix;

/// <summary>Where a parameter's effective value was set.</summary>
public enum ParameterSource
{
    /// <summary>Not set anywhere: the Postfix default applies.</summary>
    Default,

    /// <summary>Set in main.cf.</summary>
    MainCf,

    /// <summary>Set by a <c>-o</c> override on the master.cf service.</summary>
    MasterCfOverride,

    /// <summary>Not set, and no default is known for it.</summary>
    Unknown,
}
