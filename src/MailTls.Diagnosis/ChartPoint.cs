namespace MailTls.Diagnosis;

/// <summary>One labelled point of a <see cref="ReportChart"/>.</summary>
/// <param name="Label">The hour, cause, organisation, protocol or cipher.</param>
/// <param name="Values">One count per series.</param>
public sealed record ChartPoint(string Label, IReadOnlyList<int> Values);
