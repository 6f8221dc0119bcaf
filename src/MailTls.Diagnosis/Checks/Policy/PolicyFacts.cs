using MailTls.Core.Postfix.Outbound;

namespace MailTls.Diagnosis.Checks.Policy;

/// <summary>
/// The side-by-side table <c>mailtls policy</c> shows: per destination and server, the names the
/// policy requires, the names the certificate presents, and Postfix's verdict.
/// </summary>
public static class PolicyFacts
{
    /// <summary>Builds the table.</summary>
    /// <param name="evaluations">The destinations explained.</param>
    /// <returns>One table, or none when nothing was judged.</returns>
    public static IReadOnlyList<ReportTable> Tables(IEnumerable<PolicyEvaluation> evaluations)
    {
        ArgumentNullException.ThrowIfNull(evaluations);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var evaluation in evaluations)
        {
            var decision = evaluation.Decision;
            var level = decision.Choice.Level?.ToString().ToLowerInvariant() ?? "invalid";
            if (evaluation.Verdicts.Count == 0)
            {
                rows.Add([decision.NextHop.Destination, level, "-", decision.ChecksNames ? string.Join(", ", OutboundPolicyEvaluator.RequiredNames(decision, "(MX host)")) : "-", "-", "not judged: no certificate seen"]);
                continue;
            }

            foreach (var verdict in evaluation.Verdicts)
            {
                rows.Add(
                [
                    decision.NextHop.Destination,
                    level,
                    verdict.Host,
                    verdict.RequiredNames.Count > 0 ? string.Join(", ", verdict.RequiredNames) : "-",
                    string.Join(", ", verdict.PresentedNames),
                    verdict.Deferral is null ? verdict.Label ?? "no handshake" : $"{verdict.Label}; deferred {verdict.Dsn} {verdict.Deferral}",
                ]);
            }
        }

        return rows.Count == 0
            ? []
            : [new ReportTable("Required names and presented names per server", ["Destination", "Level", "Server", "Required names", "Certificate names", "Postfix's verdict"], rows)];
    }
}
