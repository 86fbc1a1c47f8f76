using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Oversight.Analysis.Metadata;
using Oversight.Analysis.Rules;

namespace Oversight.Compliance.Push;

/// <summary>One delivery as sent: where, the body, and its content type.</summary>
public sealed record PushRequest(Uri Url, byte[] Body, string ContentType);

/// <summary>
/// Writes an event for a subscription: CloudEvents 1.0 structured JSON, or a group bot's markdown message (企业微信,
/// 钉钉). The same event renders the same body on every attempt, so only the signature's time changes.
/// </summary>
public sealed class PushRenderer(JurisdictionRegistry divisions)
{
    public const string Source = "/oversight/compliance";

    /// <summary>The most UTF-8 bytes of a bot message's markdown (企业微信 takes 4,096).</summary>
    public const int MaxMarkdownBytes = 4096;

    public PushRequest Render(SubscriptionRow subscription, PushEventRow e, long unixMilliseconds)
    {
        var data = e.EventType == PushEventTypes.SweepCompleted
            ? PushJson.Write(PushJson.Read<SweepEventData>(e.Data).Within(subscription.Scope))
            : e.Data;
        var url = new Uri(subscription.Url);
        switch (subscription.Format)
        {
            case PushFormats.WeCom:
                return new PushRequest(url, Json(new JsonObject
                {
                    ["msgtype"] = "markdown",
                    ["markdown"] = new JsonObject { ["content"] = Markdown(e, data) },
                }), "application/json; charset=utf-8");
            case PushFormats.DingTalk:
                var (title, _) = Heading(e, data);
                if (subscription.Secret.Length > 0)
                {
                    url = new Uri(subscription.Url + (url.Query.Length > 0 ? "&" : "?") + PushSignature.DingTalkQuery(subscription.Secret, unixMilliseconds));
                }
                return new PushRequest(url, Json(new JsonObject
                {
                    ["msgtype"] = "markdown",
                    ["markdown"] = new JsonObject { ["title"] = title, ["text"] = Markdown(e, data) },
                }), "application/json; charset=utf-8");
            default:
                return new PushRequest(url, Json(new JsonObject
                {
                    ["specversion"] = "1.0",
                    ["id"] = e.EventId,
                    ["source"] = Source,
                    ["type"] = "oversight." + e.EventType,
                    ["subject"] = e.Subject,
                    ["time"] = e.OccurredAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                    ["datacontenttype"] = "application/json",
                    // A sweep wider than the subscription is told as the part inside it.
                    ["jurisdiction"] = e.Jurisdiction.StartsWith(subscription.Scope, StringComparison.Ordinal) ? e.Jurisdiction : subscription.Scope,
                    ["sequence"] = e.Seq.ToString(CultureInfo.InvariantCulture),
                    ["data"] = JsonNode.Parse(data),
                }), "application/cloudevents+json; charset=utf-8");
        }
    }

    private static byte[] Json(JsonObject message) => JsonSerializer.SerializeToUtf8Bytes(message, PushJson.Options);

    /// <summary>The message's title and its first line.</summary>
    private (string Title, string Line) Heading(PushEventRow e, string data) => e.EventType switch
    {
        PushEventTypes.ReportIngested => ("报告已接收", $"### 报告已接收:{Body(PushJson.Read<ReportEventData>(data).JurisdictionCode)}"),
        PushEventTypes.FindingOpened => ("发现问题", $"### 发现问题:{Body(PushJson.Read<FindingEventData>(data).JurisdictionCode)}"),
        PushEventTypes.FindingResolved => ("问题已解决", $"### 问题已解决:{Body(PushJson.Read<FindingEventData>(data).JurisdictionCode)}"),
        PushEventTypes.FindingWaived => ("问题已豁免", $"### 问题已豁免:{Body(PushJson.Read<FindingEventData>(data).JurisdictionCode)}"),
        _ => ("巡查完成", $"### 巡查完成:{PushJson.Read<SweepEventData>(data).ReportYear} 年度"),
    };

    private string Markdown(PushEventRow e, string data)
    {
        var text = new StringBuilder(Heading(e, data).Line).Append('\n');
        switch (e.EventType)
        {
            case PushEventTypes.ReportIngested:
                var report = PushJson.Read<ReportEventData>(data);
                text.Append(CultureInfo.InvariantCulture, $"> 报告:{report.ReportYear} 年度{ReportTypes.Name(report.ReportType)}(第 {report.Revision} 次修订)\n");
                text.Append(CultureInfo.InvariantCulture, $"> 问题:<font color=\"warning\">错误 {report.Errors}</font>,警告 {report.Warnings},提示 {report.Infos}\n");
                text.Append(CultureInfo.InvariantCulture, $"> 编号:{report.ReportId}");
                break;
            case PushEventTypes.SweepCompleted:
                var sweep = PushJson.Read<SweepEventData>(data);
                text.Append(CultureInfo.InvariantCulture, $"> 范围:{Scope(sweep.ScopePrefix)},截至 {sweep.AsOf},{ReportTypes.Name(sweep.ReportType)}\n");
                text.Append(CultureInfo.InvariantCulture,
                    $"> 检查报告 {sweep.ReportsChecked} 份,应报主体 {sweep.BodiesExpected} 个,未见报告 {sweep.BodiesWithoutReport} 个\n");
                var names = sweep.LateBodies.Take(20).Select(b => b.Name.Length > 0 ? b.Name : b.Code).ToList();
                text.Append(sweep.LateTotal == 0
                    ? "> 逾期未报:无"
                    : string.Create(CultureInfo.InvariantCulture,
                        $"> <font color=\"warning\">逾期未报 {sweep.LateTotal} 个</font>:{string.Join("、", names)}{(sweep.LateTotal > names.Count ? " 等" : "")}"));
                break;
            default:
                var finding = PushJson.Read<FindingEventData>(data);
                text.Append(CultureInfo.InvariantCulture, $"> {Severity(finding.Severity)} {finding.Code}:{finding.Message}\n");
                text.Append(CultureInfo.InvariantCulture, $"> 报告:{finding.ReportYear} 年度{ReportTypes.Name(finding.ReportType)}");
                if (finding.Reason is { Length: > 0 } reason)
                {
                    text.Append(CultureInfo.InvariantCulture, $"\n> 豁免理由:{reason}({finding.Actor})");
                }
                text.Append(CultureInfo.InvariantCulture, $"\n> 编号:{finding.FindingId}");
                break;
        }
        return Bounded(text.ToString());
    }

    private string Body(string code) => divisions.Find(code)?.Name is { Length: > 0 } name ? $"{name}({code})" : code;

    private string Scope(string prefix) => prefix.Length == 0 ? "全国" : divisions.Find(prefix.PadRight(6,
        '0'))?.Name is { Length: > 0 } name ? $"{name}({prefix})" : prefix;

    private static string Severity(string severity) => severity switch
    {
        RuleVocabulary.Error => "【错误】",
        RuleVocabulary.Warning => "【警告】",
        _ => "【提示】",
    };

    /// <summary>At most <see cref="MaxMarkdownBytes"/> bytes, cut at a character, never inside one.</summary>
    private static string Bounded(string text)
    {
        if (Encoding.UTF8.GetByteCount(text) <= MaxMarkdownBytes)
        {
            return text;
        }
        // "…" is 3 bytes.
        var (bytes, cut) = (0, 0);
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > MaxMarkdownBytes - 3)
            {
                break;
            }
            bytes += rune.Utf8SequenceLength;
            cut += rune.Utf16SequenceLength;
        }
        return text[..cut] + "…";
    }
}
