using System.Globalization;
using System.Text;
using Oversight.WebConsole.Html;
using Oversight.Contracts.Common.V1;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Contracts.Metrics.V1;
using static Oversight.WebConsole.Html.HtmlText;

namespace Oversight.WebConsole.Features.Reports;

/// <summary>
/// One report: its metadata with where each fact came from, its outline with kinds and how sure each is, its findings
/// with their evidence marked in the text, its figures with their sentences and the task areas covered. Printable.
/// </summary>
public static class ReportPage
{
    public static string Render(Report report, IReadOnlyList<Finding> findings, ReportMetrics? metrics)
    {
        var html = new StringBuilder();
        html.Append("<p class=\"noprint\"><a href=\"#text\">跳到原文</a> · <a href=\"#findings\">跳到问题</a> · <a href=\"#figures\">跳到指标</a></p>");
        Metadata(html, report);
        Outline(html, report.Outline);
        Findings(html, report.ReportId, findings);
        Figures(html, metrics);
        Text(html, report, findings);
        return html.ToString();
    }

    private static void Metadata(StringBuilder html, Report report)
    {
        var m = report.Metadata;
        html.Append("<section aria-labelledby=\"meta-h\"><h2 id=\"meta-h\">基本信息及来源</h2><table class=\"meta\"><thead><tr><th scope=\"col\">项目</th><th scope" +
            "=\"col\">内容</th>")
            .Append("<th scope=\"col\">依据</th></tr></thead><tbody>");
        Row(html, "标题", m.Title, "页面标题");
        Row(html, "发布单位", m.Issuer, m.PostedBy.Length > 0 ? "报告署名;网站发布机构:" + m.PostedBy : "报告署名");
        Row(html, "辖区", $"{m.JurisdictionName}({m.JurisdictionCode})",
            $"{m.JurisdictionResolution};" + string.Join(";", m.JurisdictionSignals.Select(s => $"{s.Source}:{s.Name}")));
        Row(html, "层级", m.Level, m.LevelBasis);
        Row(html, "报告年度", m.ReportYear.ToString(CultureInfo.InvariantCulture), "标题或正文");
        Row(html, "公开时间", Time(m.PublishedAt), $"{m.PublishedAtBasis}{(m.PublishedAtLabel.Length > 0 ? "(" + m.PublishedAtLabel + ")" : "")}");
        Row(html, "成文日期", m.DocumentDate is { Year: > 0 } d ? $"{d.Year}-{d.Month:00}-{d.Day:00}" : "", "落款");
        Row(html, "索引号", m.IndexNumber, "页面表头");
        Row(html, "原文地址", m.SourceUrl, "报送时提供");
        foreach (var field in m.HeaderFields)
        {
            Row(html, field.Name, field.Value, "页面表头字段");
        }
        html.Append("</tbody></table></section>");
    }

    private static void Outline(StringBuilder html, ReportOutline outline)
    {
        html.Append("<section aria-labelledby=\"outline-h\"><h2 id=\"outline-h\">结构与内容类型</h2>");
        if (outline is null || outline.Sections.Count == 0)
        {
            html.Append("<p class=\"empty\">未识别出章节。</p></section>");
            return;
        }
        html.Append("<table><thead><tr><th scope=\"col\">章节</th><th scope=\"col\">类型</th><th scope=\"col\">判断依据</th><th scope=\"col\" class=\"n\">置信度</th>" +
            "</tr></thead><tbody>");
        foreach (var s in outline.Sections)
        {
            html.Append("<tr><td>").Append(E($"{s.Number} {s.Heading}")).Append("</td><td>").Append(E(s.Kind)).Append("</td><td>").Append(E(s.KindSource))
                .Append(s.KindReason.Length > 0 ? ":" + E(s.KindReason) : "").Append("</td><td class=\"n\">").Append(s.KindConfidence.ToString("0.0",
                    CultureInfo.InvariantCulture))
                .Append("</td></tr>");
        }
        html.Append("</tbody></table>");
        if (outline.TaskAreas.Count > 0)
        {
            html.Append("<h3>重点任务覆盖</h3><ul class=\"areas\">");
            foreach (var area in outline.TaskAreas)
            {
                html.Append("<li class=\"").Append(area.Covered ? "yes" : "no").Append("\">").Append(area.Covered ? "✓ " : "✗ ").Append(E(area.Name));
                if (area.Evidence.FirstOrDefault() is { } e)
                {
                    html.Append(":<q>").Append(E(e.Excerpt)).Append("</q>");
                }
                html.Append("</li>");
            }
            html.Append("</ul>");
        }
        html.Append("</section>");
    }

    private static void Findings(StringBuilder html, string reportId, IReadOnlyList<Finding> findings)
    {
        html.Append("<section aria-labelledby=\"findings\"><h2 id=\"findings\">问题(").Append(findings.Count).Append(")</h2>");
        if (findings.Count == 0)
        {
            html.Append("<p class=\"empty\">该报告没有问题。</p></section>");
            return;
        }
        html.Append("<ol class=\"findings\">");
        var mark = 0;
        foreach (var f in findings)
        {
            html.Append("<li id=\"finding-").Append(E(f.FindingId)).Append("\"><span class=\"sev-").Append(E(f.Severity)).Append("\">")
                .Append(E(Labels.Severity(f.Severity)))
                .Append("</span> <a href=\"/findings/").Append(E(Uri.EscapeDataString(f.FindingId))).Append("\">").Append(E(Labels.Code(f.Code)))
                    .Append("</a>:")
                .Append(E(f.Message));
            foreach (var e in f.Evidence.Where(e => Own(e, reportId)))
            {
                html.Append(" <a class=\"evlink\" href=\"#ev-").Append(mark++).Append("\">原文证据</a>");
            }
            html.Append("</li>");
        }
        html.Append("</ol></section>");
    }

    private static void Figures(StringBuilder html, ReportMetrics? metrics)
    {
        html.Append("<section aria-labelledby=\"figures\"><h2 id=\"figures\">指标数据</h2>");
        if (metrics is null || metrics.Values.Count == 0)
        {
            html.Append("<p class=\"empty\">尚未提取到指标数据。</p></section>");
            return;
        }
        html.Append("<table><thead><tr><th scope=\"col\">指标</th><th scope=\"col\" class=\"n\">数值</th><th scope=\"col\">原句</th></tr></thead><tbody>");
        foreach (var v in metrics.Values.Where(v => !v.Indicator.StartsWith("task_area.", StringComparison.Ordinal)))
        {
            html.Append("<tr><td>").Append(E(v.Indicator)).Append("</td><td class=\"n\">").Append(N(v.Value)).Append(E(v.Unit)).Append("</td><td>")
                .Append(E(v.Evidence?.Excerpt ?? v.RawText)).Append("</td></tr>");
        }
        html.Append("</tbody></table></section>");
    }

    // The text with every finding's evidence marked where it stands; overlapping spans keep the first.
    private static void Text(StringBuilder html, Report report, IReadOnlyList<Finding> findings)
    {
        var text = report.OriginalText;
        html.Append("<section aria-labelledby=\"text\" class=\"evidence-view\"><h2 id=\"text\">原文(证据已标出)</h2><div class=\"text\">");
        var spans = findings.SelectMany(f => f.Evidence.Where(e => Own(e, report.ReportId))).Select((e, i) => (Span: e.Span, Index: i))
            .Where(s => s.Span is { Length: > 0 } && s.Span.Start >= 0 && s.Span.Start + s.Span.Length <= text.Length).OrderBy(s => s.Span.Start).ToList();
        var at = 0;
        foreach (var (span, index) in spans)
        {
            if (span.Start < at)
            {
                html.Append("<span id=\"ev-").Append(index).Append("\"></span>");
                continue;
            }
            html.Append(E(text[at..span.Start])).Append("<mark id=\"ev-").Append(index).Append("\">").Append(E(text.Substring(span.Start,
                span.Length))).Append("</mark>");
            at = span.Start + span.Length;
        }
        html.Append(E(text[at..])).Append("</div></section>");
    }

    private static bool Own(Evidence e, string reportId) => e.ReportId.Length == 0 || e.ReportId == reportId;

    private static void Row(StringBuilder html, string label, string value, string source) =>
        html.Append("<tr><th scope=\"row\">").Append(E(label)).Append("</th><td>").Append(E(value)).Append("</td><td class=\"where\">").Append(E(source))
            .Append("</td></tr>");
}
