using MailTls.Core.Evidence;

namespace MailTls.Core.Postfix;

/// <summary>
/// master.cf as Postfix reads it (master(5)): one service per logical line, whitespace-separated
/// fields, <c>{ ... }</c> grouping for arguments with spaces (Postfix 3.0+), and <c>-o name=value</c>
/// overrides that change main.cf parameters for that service only.
/// </summary>
public sealed class MasterCfFile
{
    /// <summary>Fields before the command: service, type, private, unpriv, chroot, wakeup, maxproc.</summary>
    private const int FieldsBeforeCommand = 7;

    private MasterCfFile(string path, List<MasterService> services, List<ConfigProblem> problems)
    {
        Path = path;
        Services = services;
        Problems = problems;
    }

    /// <summary>The file the text came from.</summary>
    public string Path { get; }

    /// <summary>Every service, in file order.</summary>
    public IReadOnlyList<MasterService> Services { get; }

    /// <summary>Lines Postfix would refuse or warn about.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }

    /// <summary>Parses master.cf text. Never throws on bad content.</summary>
    /// <param name="text">The file content.</param>
    /// <param name="path">The file name to cite.</param>
    /// <returns>The parsed file.</returns>
    public static MasterCfFile Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        var services = new List<MasterService>();
        var problems = new List<ConfigProblem>();
        foreach (var line in ConfigLogicalLine.Read(text, path, problems, MainCfFile.MaxLogicalLineLength))
        {
            var location = new SourceLocation(path, line.FirstLine);
            var tokens = Tokenize(line, path, problems);
            if (tokens.Count < FieldsBeforeCommand + 1)
            {
                problems.Add(new ConfigProblem(location, $"bad master.cf entry: expected at least 8 fields, found {tokens.Count}: \"{line.Text}\""));
                continue;
            }

            var arguments = new List<string>();
            var overrides = new List<ServiceOverride>();
            for (var i = FieldsBeforeCommand + 1; i < tokens.Count; i++)
            {
                var token = tokens[i];
                string? assignment = null;
                var assignmentLine = token.Line;
                if (token.Text == "-o" && !token.Braced)
                {
                    if (i + 1 >= tokens.Count)
                    {
                        problems.Add(new ConfigProblem(new SourceLocation(path, token.Line), "-o without a name=value after it"));
                        break;
                    }

                    i++;
                    assignment = tokens[i].Text;
                    assignmentLine = tokens[i].Line;
                }
                else if (!token.Braced && token.Text.StartsWith("-o", StringComparison.Ordinal))
                {
                    assignment = token.Text[2..];
                }

                if (assignment is null)
                {
                    arguments.Add(token.Text);
                    continue;
                }

                var where = new SourceLocation(path, assignmentLine);
                if (MainCfFile.TrySplit(assignment, out var name, out var value, out var error))
                {
                    overrides.Add(new ServiceOverride(name, value, where));
                }
                else
                {
                    problems.Add(new ConfigProblem(where, $"-o {error}"));
                }
            }

            services.Add(new MasterService(tokens[0].Text, tokens[1].Text, tokens[FieldsBeforeCommand].Text, arguments, overrides, location));
        }

        return new MasterCfFile(path, services, problems);
    }

    private static List<Token> Tokenize(ConfigLogicalLine line, string path, List<ConfigProblem> problems)
    {
        var text = line.Text;
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            if (text[i] == '{')
            {
                var depth = 0;
                for (; i < text.Length; i++)
                {
                    depth += text[i] switch { '{' => 1, '}' => -1, _ => 0 };
                    if (depth == 0)
                    {
                        break;
                    }
                }

                if (i >= text.Length)
                {
                    problems.Add(new ConfigProblem(new SourceLocation(path, line.LineOf(start)), "'{' without a matching '}'"));
                    tokens.Add(new Token(text[(start + 1)..].Trim(), true, line.LineOf(start)));
                    break;
                }

                tokens.Add(new Token(text[(start + 1)..i].Trim(), true, line.LineOf(start)));
                i++;
                continue;
            }

            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            tokens.Add(new Token(text[start..i], false, line.LineOf(start)));
        }

        return tokens;
    }

    private readonly record struct Token(string Text, bool Braced, int Line);
}
