using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Oversight.Analysis.Metadata;
using Oversight.Compliance.Push;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Push.V1;
using Oversight.Testing;

namespace Oversight.Compliance.Tests.Push;

/// <summary>The group bots' markdown messages (企业微信, 钉钉) in the shape their webhooks document.</summary>
public sealed class PushFormatTests
{
    private const string Secret = "SEC0123456789abcdef0123456789";

    private static readonly PushRenderer Renderer = new(ShippedDivisions.Registry);

    private static PushEventRow Finding => new()
    {
        Seq = 7, EventId = "evt_7", EventType = "finding.opened", Jurisdiction = "140225", Subject = "f_1", OccurredAt = "2026-04-02T08:00:00.0000000Z",
        Data = PushJson.Write(new FindingEventData("f_1", "r_1", 1, "140225", 2025, "rule_of_law", "SECTION_MISSING", "error", "shortfalls", "缺少“存在的不足和原因”部分",
            "open")),
    };

    private static PushEventRow Sweep(int late) => new()
    {
        Seq = 8, EventId = "evt_8", EventType = "sweep.completed", Jurisdiction = "14", Subject = "s_1", OccurredAt = "2026-04-02T08:00:00.0000000Z",
        Data = PushJson.Write(new SweepEventData("s_1", 2025, "2026-04-02", "rule_of_law", "14", 100, 100 + late, late,
            [.. Enumerable.Range(0, late).Select(i => new LateBody("140225" + (100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "某某镇",
                "township"))], late)),
    };

    [Fact]
    public void Render_WeCom_MarkdownMessageOnly()
    {
        var rendered = Renderer.Render(new SubscriptionRow { Url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", Format = "wecom" }, Finding, 0);

        var json = JsonDocument.Parse(rendered.Body).RootElement;
        Assert.Equal(["msgtype", "markdown"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("markdown", json.GetProperty("msgtype").GetString());
        var markdown = json.GetProperty("markdown");
        Assert.Equal(["content"], markdown.EnumerateObject().Select(p => p.Name));
        var content = markdown.GetProperty("content").GetString()!;
        Assert.StartsWith("### 发现问题:浑源县(140225)\n", content, StringComparison.Ordinal);
        Assert.Contains("【错误】 SECTION_MISSING:缺少“存在的不足和原因”部分", content, StringComparison.Ordinal);
        Assert.Equal("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", rendered.Url.ToString());
    }

    [Fact]
    public void Render_DingTalkWithSecret_TitleTextAndSignedUrl()
    {
        var at = DateTimeOffset.Parse("2026-04-02T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

        var rendered = Renderer.Render(new SubscriptionRow
        {
            Url = "https://oapi.dingtalk.com/robot/send?access_token=t", Format = "dingtalk",
            Secret = Secret
        }, Finding, at);

        var json = JsonDocument.Parse(rendered.Body).RootElement;
        Assert.Equal("markdown", json.GetProperty("msgtype").GetString());
        Assert.Equal(["title", "text"], json.GetProperty("markdown").EnumerateObject().Select(p => p.Name));
        Assert.Equal("发现问题", json.GetProperty("markdown").GetProperty("title").GetString());
        Assert.StartsWith("### 发现问题", json.GetProperty("markdown").GetProperty("text").GetString(), StringComparison.Ordinal);
        // 钉钉's documented signature, computed here on its own.
        var sign = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{at}\n{Secret}")));
        Assert.Equal($"https://oapi.dingtalk.com/robot/send?access_token=t&timestamp={at}&sign={Uri.EscapeDataString(sign)}", rendered.Url.AbsoluteUri);
    }

    [Fact]
    public void Render_SweepWithManyLateBodies_MarkdownWithinTheBotLimit()
    {
        var rendered = Renderer.Render(new SubscriptionRow { Url = "https://qyapi.weixin.qq.com/x", Format = "wecom", Scope = "1402" }, Sweep(2000), 0);

        var content = JsonDocument.Parse(rendered.Body).RootElement.GetProperty("markdown").GetProperty("content").GetString()!;
        Assert.InRange(Encoding.UTF8.GetByteCount(content), 100, PushRenderer.MaxMarkdownBytes);
        Assert.Contains("逾期未报 2000 个", content, StringComparison.Ordinal);
        Assert.StartsWith("### 巡查完成:2025 年度", content, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SweepForAWiderScope_OnlyTheSubscribersLateBodies()
    {
        var rendered = Renderer.Render(new SubscriptionRow { Url = "https://x.example/", Format = "cloudevents", Scope = "1402" }, Sweep(3), 0);

        var json = JsonDocument.Parse(rendered.Body).RootElement;
        Assert.Equal("1402", json.GetProperty("jurisdiction").GetString());
        Assert.Equal(3, json.GetProperty("data").GetProperty("late_total").GetInt32());
        var other = Renderer.Render(new SubscriptionRow { Url = "https://x.example/", Format = "cloudevents", Scope = "1410" }, Sweep(3), 0);
        Assert.Equal(0, JsonDocument.Parse(other.Body).RootElement.GetProperty("data").GetProperty("late_total").GetInt32());
    }

    /// <summary>A bot answers 200 with an errcode: 0 is taken, anything else is a failure listed with the bot's words.</summary>
    [Fact]
    public async Task Deliver_WeComBotRefuses_FailureListedWithItsAnswer()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (200, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}");
        await using var stack = await ComplianceStack.StartAsync(settings: PushDeliveryTests.Settings());
        await stack.Push.CreateSubscriptionAsync(new CreateSubscriptionRequest
        {
            Name = "群机器人", Url = receiver.Url("/cgi-bin/webhook/send?key=abc"), Format = "wecom", EventTypes = { "report.ingested" },
        });
        var report = await stack.SubmitAsync(SampleReports.Hunyuan);
        await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = report.ReportId });

        var failing = await Eventually.UntilAsync(async () => (await stack.Push.ListDeliveriesAsync(new ListDeliveriesRequest())).Deliveries,
            d => d.Count == 1 && d[0].Attempts > 0, TimeSpan.FromSeconds(20), "the first attempt");
        receiver.Answer = (200, "{\"errcode\":0,\"errmsg\":\"ok\"}");

        Assert.Contains("invalid webhook url", failing[0].LastError, StringComparison.Ordinal);
        var hook = receiver.Received.First();
        Assert.Equal("/cgi-bin/webhook/send?key=abc", hook.PathAndQuery);
        Assert.StartsWith("### 报告已接收:浑源县(140225)", hook.Json.GetProperty("markdown").GetProperty("content").GetString(), StringComparison.Ordinal);
    }
}
