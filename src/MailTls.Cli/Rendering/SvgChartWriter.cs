using System.Globalization;
using System.Net;
using System.Text;
using MailTls.Diagnosis;

namespace MailTls.Cli.Rendering;

/// <summary>
/// Draws a <see cref="ReportChart"/> as inline SVG for the HTML report: horizontal bars for counts
/// per label, stacked columns for a timeline. No script, no font or style sheet to fetch; every
/// label is encoded, and each chart carries a title and a text equivalent for screen readers.
/// </summary>
internal static class SvgChartWriter
{
    private const int Width = 720;
    private const int LabelWidth = 260;
    private const int BarHeight = 20;
    private const int Gap = 6;
    private const int ColumnAreaHeight = 180;
    private static readonly string[] SeriesColours = ["#2e7d32", "#b00020", "#1a4f9c", "#8a5a00"];

    public static void Append(StringBuilder html, ReportChart chart)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(chart);
        html.Append(CultureInfo.InvariantCulture, $"<figure class=\"chart\" id=\"chart-{E(chart.Id)}\"><figcaption>{E(chart.Title)}</figcaption>\n");
        if (chart.Kind == "columns")
        {
            Columns(html, chart);
        }
        else
        {
            Bars(html, chart);
        }

        html.Append("</figure>\n");
    }

    private static void Bars(StringBuilder html, ReportChart chart)
    {
        var max = Math.Max(1, chart.Points.Max(p => p.Values.Sum()));
        var height = (chart.Points.Count * (BarHeight + Gap)) + Gap;
        var scale = (Width - LabelWidth - 60) / (double)max;
        Open(html, chart, height);
        var y = Gap;
        foreach (var point in chart.Points)
        {
            var value = point.Values.Sum();
            var length = Math.Max(1, value * scale);
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 6}\" y=\"{y + 14}\" text-anchor=\"end\">{E(Shorten(point.Label))}</text>");
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{length:0.#}\" height=\"{BarHeight}\" fill=\"{Colour(chart, 0)}\"><title>{E(point.Label)}: {value}</title></rect>");
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + length + 6:0.#}\" y=\"{y + 14}\">{value}</text>\n");
            y += BarHeight + Gap;
        }

        html.Append("</svg>\n");
    }

    private static void Columns(StringBuilder html, ReportChart chart)
    {
        const int left = 40;
        const int top = 24;
        var max = Math.Max(1, chart.Points.Max(p => p.Values.Sum()));
        var slot = (Width - left - 10) / (double)Math.Max(1, chart.Points.Count);
        var column = Math.Max(2, slot * 0.7);
        var bottom = top + ColumnAreaHeight;
        Open(html, chart, bottom + 40);

        // Legend, axis and the largest value; labels below the axis are thinned to stay readable.
        for (var s = 0; s < chart.Series.Count; s++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left + (s * 120)}\" y=\"4\" width=\"12\" height=\"12\" fill=\"{Colour(chart, s)}\"/><text x=\"{left + (s * 120) + 16}\" y=\"15\">{E(chart.Series[s])}</text>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{bottom}\" x2=\"{Width - 10}\" y2=\"{bottom}\" stroke=\"#888\"/><text x=\"{left - 4}\" y=\"{top + 10}\" text-anchor=\"end\">{max}</text><text x=\"{left - 4}\" y=\"{bottom}\" text-anchor=\"end\">0</text>\n");
        var every = Math.Max(1, (int)Math.Ceiling(chart.Points.Count / 8.0));
        for (var i = 0; i < chart.Points.Count; i++)
        {
            var point = chart.Points[i];
            var x = left + (i * slot) + ((slot - column) / 2);
            var y = (double)bottom;
            for (var s = 0; s < point.Values.Count; s++)
            {
                var h = point.Values[s] * ColumnAreaHeight / (double)max;
                if (h <= 0)
                {
                    continue;
                }

                y -= h;
                html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{column:0.#}\" height=\"{h:0.#}\" fill=\"{Colour(chart, s)}\"><title>{E(point.Label)}: {point.Values[s]} {E(Series(chart, s))}</title></rect>");
            }

            if (i % every == 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{bottom + 16}\">{E(point.Label)}</text>");
            }

            html.Append('\n');
        }

        html.Append("</svg>\n");
    }

    private static void Open(StringBuilder html, ReportChart chart, int height)
    {
        var summary = string.Join("; ", chart.Points.Select(p => $"{p.Label}: {string.Join("/", p.Values)}"));
        html.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-label=\"{E(chart.Title)}\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"system-ui, sans-serif\" font-size=\"12\"><title>{E(chart.Title)}: {E(summary)}</title>\n");
    }

    private static string Colour(ReportChart chart, int series) =>
        chart.Series.Count == 1 && chart.Id.StartsWith("failures", StringComparison.Ordinal) ? SeriesColours[1]
        : chart.Series.Count == 1 ? SeriesColours[2]
        : SeriesColours[series % SeriesColours.Length];

    private static string Series(ReportChart chart, int series) => series < chart.Series.Count ? chart.Series[series] : string.Empty;

    private static string Shorten(string label) => label.Length <= 40 ? label : label[..39] + "…";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
