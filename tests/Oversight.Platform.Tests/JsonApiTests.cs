using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Oversight.Testing;

namespace Oversight.Platform.Tests;

/// <summary>
/// Every HTTP/JSON route of the running platform called over HTTP/1.1 by a plain HttpClient, each refusal with the HTTP
/// status that fits and google.rpc.Status as JSON; every answer checked against the OpenAPI documents by an independent
/// validator (tests/interop/node/json_api.js: @apidevtools/swagger-parser and ajv), which also drives a full tour with
/// Node's fetch.
/// </summary>
public sealed class JsonApiTests(JsonApiFixture api) : IClassFixture<JsonApiFixture>
{
    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;

    [Fact]
    public async Task EveryRoute_PlainHttp11Client_AnswersAsDocumented()
    {
        var content = Convert.ToBase64String(SampleReports.Bytes(SampleReports.Yungang));
        var submitted = await Ok("ingestion", Post, "/v1/reports", new { content });
        var reportId = (string)submitted["reportId"]!;
        Assert.Equal("duplicate", (string?)submitted["outcome"]); // the platform loaded the samples when it started
        var reports = new object[] { new { content, clientReference = "a" }, new { clientReference = "b" } };
        var batch = await Ok("ingestion", Post, "/v1/reports:batchSubmit", new { reports });
        Assert.Equal(reportId, (string?)batch["results"]![0]!["accepted"]!["reportId"]);
        Assert.Equal("CONTENT_EMPTY", (string?)batch["results"]![1]!["rejected"]!["reason"]);
        Assert.Equal(reportId, (string?)(await Ok("ingestion", Get, $"/v1/reports/{reportId}"))["reportId"]);
        Assert.Single(await Lines("ingestion", Post, "/v1/reports:batchGet", new { reports = new[] { new { reportId } } }));
        Assert.Single((await Ok("ingestion", Get, $"/v1/reports/{reportId}/revisions"))["revisions"]!.AsArray());
        Assert.Equal(2, (await Ok("ingestion", Get, "/v1/reports?filter.jurisdiction_prefix=1402&page_size=2"))["reports"]!.AsArray().Count);
        Assert.Equal(3, (await Lines("ingestion", Get, "/v1/reports:stream?filter.jurisdiction_prefix=1402&keys_only=true")).Count);
        var counted = (await Ok("ingestion", Get, "/v1/reports:count?jurisdiction_prefix=1402&report_year=2025&group_length=6"))["counts"]!.AsArray();
        Assert.Contains(counted, c => (string?)c!["jurisdictionPrefix"] == "140225" && (string?)c["reportType"] == "rule_of_law"
            && long.Parse((string)c["count"]!, CultureInfo.InvariantCulture) >= 1);
        Assert.All(counted, c => Assert.StartsWith("1402", (string)c!["jurisdictionPrefix"]!, StringComparison.Ordinal));

        Assert.Equal("unchanged", (string?)(await Ok("metrics", Post, $"/v1/reports/{reportId}:analyze", new { }))["outcome"]);
        Assert.NotEmpty((await Ok("metrics", Get, $"/v1/reports/{reportId}/metrics"))["values"]!.AsArray());
        Assert.NotEmpty((await Ok("metrics", Get,
            "/v1/aggregates?indicators=legal_aid.cases&report_year=2025&group_by=AGGREGATE_GROUPING_JURISDICTION"))["rows"]!.AsArray());
        Assert.NotEmpty((await Ok("metrics", Get, "/v1/jurisdictions/140214/years?indicators=legal_aid.cases"))["series"]!.AsArray());
        Assert.Contains((await Ok("metrics", Get, "/v1/indicators"))["indicators"]!.AsArray(), i => (string?)i!["id"] == "legal_aid.cases");
        Assert.NotEmpty(await Lines("metrics", Get, "/v1/values?jurisdiction_prefix=1402&report_year=2025"));

        var pulan = (await Ok("ingestion", Get, "/v1/reports?filter.jurisdiction_prefix=5425"))["reports"]![0]!["reportId"]!.GetValue<string>();
        var checkedReport = await Ok("compliance", Post, $"/v1/reports/{pulan}:check", new { });
        Assert.NotEmpty(checkedReport["findings"]!.AsArray());
        var findings = await Ok("compliance", Get, $"/v1/findings?report_id={pulan}");
        var findingId = (string)findings["findings"]!.AsArray().First(f => (string?)f!["status"] == "open")!["findingId"]!;
        Assert.Equal(findingId, (string?)(await Ok("compliance", Get, $"/v1/findings/{findingId}"))["findingId"]);
        Assert.Equal("waived", (string?)(await Ok("compliance", Post, $"/v1/findings/{findingId}:waive", new { reason = "测试:豁免" }))["status"]);
        Assert.Equal("open", (string?)(await Ok("compliance", Post, $"/v1/findings/{findingId}:reopen", new { reason = "测试:重新打开" }))["status"]);
        var sweep = new { reportYear = 2025, scopePrefix = "1402", asOf = new { year = 2026, month = 4, day = 2 } };
        var events = await Lines("compliance", Post, "/v1/sweeps", sweep);
        var sweepId = (string)events[^1]["completed"]!["sweepId"]!;
        Assert.NotEmpty((await Ok("compliance", Get, "/v1/sweeps?report_year=2025"))["sweeps"]!.AsArray());
        Assert.Equal("completed", (string?)(await Ok("compliance", Get, $"/v1/sweeps/{sweepId}"))["status"]);
        Assert.NotEmpty((await Ok("compliance", Get, "/v1/rulepacks"))["packs"]!.AsArray());
        var pack = await Ok("compliance", Get, "/v1/rulepacks/national");
        Assert.Equal("valid", (string?)(await Ok("compliance", Post, "/v1/rulepacks", new JsonObject
        {
            ["pack"] = pack.DeepClone(),
            ["validateOnly"] = true
        }))["outcome"]);
        var csv = Convert.ToBase64String(Encoding.UTF8.GetBytes("code,name,level,parent_code,kind,must_report\n140214,云冈区,county,140200,government,true\n"));
        Assert.Equal("1", (string?)(await Ok("compliance", Post, "/v1/registry:import", new { csv, dryRun = true }))["rowsRead"]);
        Assert.Equal(5, (await Ok("compliance", Get, "/v1/registry?code_prefix=1402&page_size=5"))["bodies"]!.AsArray().Count);

        var created = await Ok("compliance", Post, "/v1/keys", new { name = "大同市司法局报送系统", role = "city_office", scope = "1402" });
        var keyId = (string)created["key"]!["keyId"]!;
        Assert.Contains((await Ok("compliance", Get, "/v1/keys"))["keys"]!.AsArray(), k => (string?)k!["keyId"] == keyId);
        Assert.Equal("city_office", (string?)(await Ok("compliance", Post, "/v1/keys:verify", new { key = (string)created["secret"]! },
            api.ServiceKey))["role"]);
        Assert.NotNull((await Ok("compliance", Post, $"/v1/keys/{keyId}:revoke", new { }))["revokedAt"]);
        Assert.NotEmpty((await Ok("compliance", Get, "/v1/audit?page_size=5"))["entries"]!.AsArray());

        Assert.Equal("province_admin", (string?)(await Ok("compliance", Get, "/v1/caller"))["role"]);
        var summary = await Ok("compliance", Get, "/v1/findings:summarize?jurisdiction_prefix=1402&report_year=2025");
        Assert.Equal("1402", (string?)summary["jurisdictionPrefix"]);

        // Push: no subscription exists on the quick-start platform, and a loopback target is refused.
        Assert.Empty((await Ok("compliance", Get, "/v1/subscriptions"))["subscriptions"]?.AsArray() ?? []);
        Assert.Empty((await Ok("compliance", Get, "/v1/deliveries"))["deliveries"]?.AsArray() ?? []);
        var target = new { name = "大同市司法局问题提醒", url = "https://127.0.0.1/hook", eventTypes = new[] { "finding.opened" }, scope = "1402" };
        await Refused(HttpStatusCode.Forbidden, 7, "PUSH_TARGET_NOT_ALLOWED", "不是公网地址", "compliance", Post, "/v1/subscriptions", target);
        var delete = HttpMethod.Delete;
        await Refused(HttpStatusCode.NotFound, 5, "SUBSCRIPTION_NOT_FOUND", "未找到订阅", "compliance", delete, "/v1/subscriptions/sub_none");
        await Refused(HttpStatusCode.NotFound, 5, "SUBSCRIPTION_NOT_FOUND", "未找到订阅", "compliance", Post, "/v1/subscriptions/sub_none:pause", new { });
        await Refused(HttpStatusCode.NotFound, 5, "SUBSCRIPTION_NOT_FOUND", "未找到订阅", "compliance", Post, "/v1/subscriptions/sub_none:resume", new { });
        await Refused(HttpStatusCode.NotFound, 5, "DELIVERY_NOT_FOUND", "未找到投递", "compliance", Post, "/v1/deliveries/dlv_none:replay", new { });

        var checkedByNode = await api.RunNodeCallerAsync(sample: null);

        Assert.True((3, 41) == ((int)checkedByNode["documents"]!, (int)checkedByNode["operations"]!), checkedByNode.ToJsonString());
        Assert.True((int)checkedByNode["recorded"]! >= 41, checkedByNode.ToJsonString());
    }

    [Fact]
    public async Task Refusals_PlainHttp11Client_HttpStatusAndStatusJsonWithTheReason()
    {
        var city = (string)(await Ok("compliance", Post, "/v1/keys", new { name = "大同市报送系统", role = "city_office", scope = "1402" }))["secret"]!;
        var revoked = await Ok("compliance", Post, "/v1/keys", new { name = "已吊销", role = "city_office", scope = "1402" });
        await Ok("compliance", Post, $"/v1/keys/{(string)revoked["key"]!["keyId"]!}:revoke", new { });
        var pulan = (string)(await Ok("ingestion", Get, "/v1/reports?filter.jurisdiction_prefix=5425"))["reports"]![0]!["reportId"]!;
        var finding = (string)(await Ok("compliance", Get, $"/v1/findings?report_id={pulan}&status=open"))["findings"]![0]!["findingId"]!;
        await Ok("compliance", Post, $"/v1/findings/{finding}:waive", new { reason = "测试" });

        await Refused(HttpStatusCode.Unauthorized, 16, "KEY_MISSING", "未提供 API 密钥", "compliance", Get, "/v1/findings", keyless: true);
        await Refused(HttpStatusCode.Unauthorized, 16, "KEY_MALFORMED", "密钥格式不对", "ingestion", Get, "/v1/reports", key: "nope");
        await Refused(HttpStatusCode.Unauthorized, 16, "KEY_INVALID", "API 密钥无效", "metrics", Get, "/v1/indicators",
            key: "ovk_00000000000000aa_" + new string('x', 43));
        await Refused(HttpStatusCode.Unauthorized, 16, "KEY_REVOKED", "已被吊销", "compliance", Get, "/v1/findings", key: (string)revoked["secret"]!);
        await Refused(HttpStatusCode.Forbidden, 7, "ROLE_NOT_ALLOWED", "角色 city_office 不能调用", "compliance", Post, "/v1/sweeps", new { reportYear = 2025 },
            city);
        await Refused(HttpStatusCode.Forbidden, 7, "SCOPE_NOT_COVERED", "不在您的辖区范围", "ingestion", Get, $"/v1/reports/{pulan}", key: city);
        await Refused(HttpStatusCode.Forbidden, 7, "SCOPE_NOT_COVERED", "不在您的辖区范围", "ingestion", Post, "/v1/reports",
            new { content = Convert.ToBase64String(SampleReports.Bytes(SampleReports.Pulan)) }, city);
        // By address over JSON: url reaches the fetcher, which refuses a loopback page (the platform lists no allowed networks).
        await Refused(HttpStatusCode.BadRequest, 9, "URL_ADDRESS_REFUSED", "指向内网、本机或保留地址", "ingestion", Post, "/v1/reports",
            new { url = "http://127.0.0.1:9/report.html" });
        await Refused(HttpStatusCode.BadRequest, 3, "URL_WITH_CONTENT", "content 与 url 只能填写一个", "ingestion", Post, "/v1/reports",
            new { url = "https://www.example.gov.cn/report.html", content = Convert.ToBase64String(SampleReports.Bytes(SampleReports.Pulan)) });
        await Refused(HttpStatusCode.NotFound, 5, "REPORT_NOT_FOUND", "未找到报告", "ingestion", Get, "/v1/reports/nope");
        await Refused(HttpStatusCode.NotFound, 5, "FINDING_NOT_FOUND", "未找到问题", "compliance", Get, "/v1/findings/f_nope");
        await Refused(HttpStatusCode.NotFound, 5, "METRICS_NOT_FOUND", "尚未分析", "metrics", Get, "/v1/reports/nope/metrics");
        var filter = await Refused(HttpStatusCode.BadRequest, 3, "FILTER_INVALID", "report_year 1 无效", "compliance", Get, "/v1/findings?report_year=1");
        var badRequest = filter.Json["details"]!.AsArray().Single(d => (string?)d!["@type"] == "type.googleapis.com/google.rpc.BadRequest")!;
        var violation = badRequest["fieldViolations"]![0]!;
        Assert.Equal(("reportYear", "FILTER_INVALID"), ((string?)violation["field"], (string?)violation["reason"]));
        await Refused(HttpStatusCode.BadRequest, 3, "FILTER_INVALID", "report_year 为空", "compliance", Post, "/v1/sweeps", new { scopePrefix = "1402" });
        await Refused(HttpStatusCode.BadRequest, 3, "FILTER_INVALID", "report_year 为空", "ingestion", Get, "/v1/reports:count?jurisdiction_prefix=1402");
        await Refused(HttpStatusCode.BadRequest, 3, "REPORTS_COUNT_INVALID", "reports 有 0 项", "ingestion", Post, "/v1/reports:batchSubmit", new { });
        await Refused(HttpStatusCode.BadRequest, 3, "FIELD_TOO_LONG", "过长", "ingestion", Get, "/v1/reports/" + new string('a', 1001));
        await Refused(HttpStatusCode.BadRequest, 9, "FINDING_ALREADY_WAIVED", "已被豁免", "compliance", Post, $"/v1/findings/{finding}:waive",
            new { reason = "再次" });
        await Refused(HttpStatusCode.BadRequest, 3, "PAGE_TOKEN_INVALID", "page_token 无效", "compliance", Get, "/v1/findings?page_token=forged");
        var notJson = await api.CallAsync("compliance", Post, "/v1/sweeps", "{ not json");
        Assert.Equal((HttpStatusCode.BadRequest, 3), (notJson.Status, (int)notJson.Json["code"]!));

        // A caller over its rate: 429 CALLER_RATE_LIMITED with Retry-After (400 at once is the burst; 200 a second after it).
        var answers = await Task.WhenAll(Enumerable.Range(0, 1200).Select(_ => api.CallAsync("metrics", Get, "/v1/indicators", key: city)));
        var limited = answers.First(a => a.Status == HttpStatusCode.TooManyRequests);
        Assert.Equal(("CALLER_RATE_LIMITED", TimeSpan.FromSeconds(1)), (limited.Reason, limited.RetryAfter));
        Assert.Contains("调用过于频繁", (string?)limited.Json["message"], StringComparison.Ordinal);

        // Someone guessing a key's secret: past 20 failures that key id is refused unchecked, 429 AUTH_RATE_LIMITED.
        var guessed = "ovk_00000000000000bb_";
        var guesses = new List<Answer>();
        for (var i = 0; i < 22; i++)
        {
            guesses.Add(await api.CallAsync("compliance", Get, "/v1/findings", key: guessed + i.ToString("D43",
                System.Globalization.CultureInfo.InvariantCulture)));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, guesses[0].Status);
        Assert.Equal(("AUTH_RATE_LIMITED", HttpStatusCode.TooManyRequests), (guesses[^1].Reason, guesses[^1].Status));
        Assert.NotNull(guesses[^1].RetryAfter);

        var checkedByNode = await api.RunNodeCallerAsync(sample: null);
        Assert.True((int)checkedByNode["recorded"]! > 1200, checkedByNode.ToJsonString());
    }

    /// <summary>
    /// Two editors saving the same pack at once: both read version n, one stores n + 1, the other is told to read it again
    /// (409 PACK_CHANGED_CONCURRENTLY) rather than overwrite it. Rounds of eight concurrent saves until one collides (bounded).
    /// </summary>
    [Fact]
    public async Task UpsertRulePack_ConcurrentSaves_409PackChangedConcurrently()
    {
        const string Yaml = "packId: json_conflict\nname: 并发保存 {0}\nscopePrefix: \"65\"\nsections:\n  - kind: highlights\n    missingSeverity: info\n";
        Answer? conflict = null;
        var saved = 0;
        for (var round = 0; round < 40 && conflict is null; round++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => api.CallAsync("compliance", Post, "/v1/rulepacks",
                new { yaml = string.Format(System.Globalization.CultureInfo.InvariantCulture, Yaml, $"{round}-{i}") })));
            Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)a.Status} {a.Body}"));
            saved += answers.Count(a => a.Status == HttpStatusCode.OK);
            conflict ??= answers.FirstOrDefault(a => a.Status == HttpStatusCode.Conflict);
        }

        Assert.NotNull(conflict);
        Assert.Equal((10, "PACK_CHANGED_CONCURRENTLY", "PACK_CHANGED_CONCURRENTLY"), ((int)conflict.Json["code"]!, conflict.Reason, conflict.ReasonHeader));
        Assert.Equal("application/json", conflict.MediaType);
        Assert.Contains("刚被其他人更新:请重新读取后再提交", (string?)conflict.Json["message"], StringComparison.Ordinal);
        Assert.EndsWith("(PACK_CHANGED_CONCURRENTLY)", (string?)conflict.Json["message"], StringComparison.Ordinal);
        // Every save that succeeded is a version of its own: none was overwritten.
        var stored = await Ok("compliance", Get, "/v1/rulepacks/json_conflict");
        Assert.Equal(saved, (int)stored["version"]!);
    }

    [Fact]
    public async Task Tour_NodeFetchCaller_SubmitsReadsFindingsSweepsAndPages()
    {
        var tour = (await api.RunNodeCallerAsync(SampleReports.DisclosurePath))["tour"]!;

        Assert.Equal(("created", "140225", "completed"), ((string?)tour["outcome"], (string?)tour["jurisdiction"], (string?)tour["sweep"]));
        var pages = tour["pages"]!.AsArray().Select(p => (int)p!).ToList();
        Assert.True(pages.Count > 1 && pages.Take(pages.Count - 1).All(p => p == 2), tour.ToJsonString());
    }

    [Fact]
    public async Task Documents_EachHost_ServedWithThePage()
    {
        using var client = JsonApiFixture.Http11();
        foreach (var (name, address) in api.Platform.HttpAddresses)
        {
            var document = JsonNode.Parse(await client.GetStringAsync(new Uri(address, "/openapi/v1.json")))!;
            Assert.Equal("3.0.1", (string?)document["openapi"]);
            Assert.Contains(name, (string?)document["info"]!["title"], StringComparison.OrdinalIgnoreCase);
            var page = await client.GetStringAsync(new Uri(address, "/docs/index.html"));
            Assert.Contains("swagger-ui", page, StringComparison.Ordinal);
            Assert.DoesNotContain("https://", page, StringComparison.Ordinal); // no CDN: the page's assets come from the host
        }
        var findings = JsonNode.Parse(await client.GetStringAsync(new Uri(api.Platform.HttpAddresses["compliance"],
            "/openapi/v1.json")))!["paths"]!["/v1/findings"]!["get"]!;
        Assert.Contains(findings["parameters"]!.AsArray(), p => (string?)p!["name"] == "includeSuperseded"
            && ((string?)p["description"])!.Contains("superseded", StringComparison.Ordinal));
    }

    private async Task<JsonNode> Ok(string host, HttpMethod method, string path, object? body = null, string? key = null)
    {
        var answer = await api.CallAsync(host, method, path, body, key);
        Assert.True(answer.Status == HttpStatusCode.OK, $"{method} {path}: {(int)answer.Status} {answer.Body}");
        Assert.Equal("application/json", answer.MediaType);
        return answer.Json;
    }

    private async Task<IReadOnlyList<JsonNode>> Lines(string host, HttpMethod method, string path, object? body = null)
    {
        var answer = await api.CallAsync(host, method, path, body);
        Assert.True(answer.Status == HttpStatusCode.OK, $"{method} {path}: {(int)answer.Status} {answer.Body}");
        return answer.Lines;
    }

    private async Task<Answer> Refused(HttpStatusCode status, int code, string reason, string message, string host, HttpMethod method, string path,
        object? body = null, string? key = null, bool keyless = false)
    {
        var answer = await api.CallAsync(host, method, path, body, key, keyless);
        Assert.True(answer.Status == status, $"{method} {path}: {(int)answer.Status} {answer.Body}");
        Assert.Equal((code, reason, reason), ((int)answer.Json["code"]!, answer.Reason, answer.ReasonHeader));
        Assert.Contains(message, (string?)answer.Json["message"], StringComparison.Ordinal);
        Assert.EndsWith($"({reason})", (string?)answer.Json["message"], StringComparison.Ordinal);
        return answer;
    }
}
