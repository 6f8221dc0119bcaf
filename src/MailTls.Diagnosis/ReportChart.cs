namespace MailTls.Diagnosis;

/// <summary>
/// Numbers a report can draw (the HTML report draws them as inline SVG): one value per series for
/// each labelled point. Renderers lay them out; what they count is decided here.
/// </summary>
/// <param name="Id">A stable name: <c>timeline</c>, <c>failures-by-cause</c>, <c>failures-by-organisation</c>, <c>successes-by-protocol</c>, <c>successes-by-cipher</c>.</param>
/// <param name="Title">What the chart shows.</param>
/// <param name="Kind"><c>columns</c> (a time axis, series stacked) or <c>bars</c> (one bar per label).</param>
/// <param name="Series">The names of the values at each point, e.g. successes and failures.</param>
/// <param name="Points">The points, in display order.</param>
public sealed record ReportChart(string Id, string Title, string Kind, IReadOnlyList<string> Series, IReadOnlyList<ChartPoint> Points);
