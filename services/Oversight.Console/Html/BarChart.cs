using System.Globalization;
using System.Text;
using static Oversight.WebConsole.Html.HtmlText;

namespace Oversight.WebConsole.Html;

/// <summary>One bar of a chart: its label, its value and the list it stands for.</summary>
public sealed record Bar(string Label, double Value, string Href, string Css = "bar");

/// <summary>
/// A horizontal bar chart as inline SVG (no script, prints as it shows): one row per bar, each bar and its number a link
/// to the list behind it, with a text alternative for screen readers.
/// </summary>
public static class BarChart
{
    private const int LabelWidth = 170;
    private const int BarArea = 520;
    private const int RowHeight = 24;

    public static string Render(string title, IReadOnlyList<Bar> bars, string unit = "")
    {
        if (bars.Count == 0)
        {
            return "<p class=\"empty\">没有数据。</p>";
        }
        var max = Math.Max(1, bars.Max(b => b.Value));
        var height = bars.Count * RowHeight + 8;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<figure class=\"chart\"><svg role=\"img\" aria-labelledby=\"chart-{title.GetHashCode(StringComparison.Ordinal):x}\" ")
            .Append(CultureInfo.InvariantCulture, $"viewBox=\"0 0 {LabelWidth + BarArea + 90} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">")
            .Append(CultureInfo.InvariantCulture, $"<title id=\"chart-{title.GetHashCode(StringComparison.Ordinal):x}\">{E(title)}</title>");
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = 4 + i * RowHeight;
            var width = bar.Value <= 0 ? 0 : Math.Max(2, bar.Value / max * BarArea);
            svg.Append(CultureInfo.InvariantCulture,
                $"<a href=\"{bar.Href}\"><text x=\"{LabelWidth - 6}\" y=\"{y + 15}\" text-anchor=\"end\" class=\"label\">{E(bar.Label)}</text>")
                .Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{width:0.#}\" height=\"{RowHeight - 8}\" class=\"{bar.Css}\"/>")
                .Append(CultureInfo.InvariantCulture,
                    $"<text x=\"{LabelWidth + width + 6:0.#}\" y=\"{y + 15}\" class=\"value\">{N(bar.Value)}{E(unit)}</text></a>");
        }
        return svg.Append("</svg><figcaption>").Append(E(title)).Append("</figcaption></figure>").ToString();
    }
}
