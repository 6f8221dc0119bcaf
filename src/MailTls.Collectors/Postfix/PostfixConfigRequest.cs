using MailTls.Core.Postfix;

namespace MailTls.Collectors.Postfix;

/// <summary>What the user said about the configuration to read; null means "find out".</summary>
/// <param name="ConfigDirectory">The directory holding main.cf and master.cf.</param>
/// <param name="PostconfOutput">A file with <c>postconf -n</c> or <c>postconf</c> output collected elsewhere, read instead of main.cf.</param>
/// <param name="Version">The Postfix release whose rules apply.</param>
/// <param name="OpenSsl">The OpenSSL release whose rules apply, as written (<c>1.0.1e</c>: the letter matters for cipher tables).</param>
/// <param name="Timeout">The deadline for each local program run.</param>
public sealed record PostfixConfigRequest(
    string? ConfigDirectory,
    string? PostconfOutput,
    PostfixVersion? Version,
    string? OpenSsl,
    TimeSpan Timeout);
