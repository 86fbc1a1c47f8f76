using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Oversight.Contracts.Ingestion.V1;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.Testing;

namespace Oversight.Ingestion.Tests;

public sealed class SubmitTests : IAsyncLifetime
{
    private IngestionHost _host = null!;

    public async Task InitializeAsync() => _host = await IngestionHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static SubmitReportRequest Seed(string seed) => new()
    {
        Content = ByteString.CopyFrom(SampleReports.Bytes(seed)),
        ContentType = "text/plain; charset=utf-8",
        SourceUrl = "https://www.example.gov.cn/zwgk/" + seed + ".html",
        ClientReference = seed,
    };

    [Fact]
    public async Task GetReport_Stored_OutlineSaysWhichTaskAreasTheMeasuresCover()
    {
        var response = await _host.Client.SubmitReportAsync(Seed(SampleReports.Hunyuan));

        var report = await _host.Client.GetReportAsync(new GetReportRequest { ReportId = response.ReportId });

        Assert.Equal(9, report.Outline.TaskAreas.Count);
        Assert.Equal(["government_functions", "rules_system", "decision_making", "law_enforcement", "dispute_resolution", "party_leadership"],
            report.Outline.TaskAreas.Where(a => a.Covered).Select(a => a.Id));
        Assert.All(report.Outline.TaskAreas.Where(a => a.Covered), a => Assert.InRange(a.Evidence.Count, 1, 3));
        Assert.Empty(report.Outline.TaskAreas.Single(a => a.Id == "digital_government").Evidence);
    }

    [Fact]
    public async Task GetReport_ContentView_OriginalBytesWithoutTheTexts()
    {
        var response = await _host.Client.SubmitReportAsync(Seed(SampleReports.Fenxi));

        var content = await _host.Client.GetReportAsync(new GetReportRequest { ReportId = response.ReportId, View = ReportView.Content });
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            _host.Client.GetReportAsync(new GetReportRequest { ReportId = response.ReportId, View = (ReportView)9 }).ResponseAsync);

        Assert.Equal(SampleReports.Bytes(SampleReports.Fenxi), content.OriginalContent.ToByteArray());
        Assert.Equal(("", ""), (content.OriginalText, content.NormalizedText));
        Assert.Equal("141034", content.Metadata.JurisdictionCode);
        Assert.Equal((StatusCode.InvalidArgument, "VIEW_INVALID"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
    }

    [Fact]
    public async Task GetReport_SourceView_MetadataAndBytesWithoutOutline()
    {
        var response = await _host.Client.SubmitReportAsync(Seed(SampleReports.Fenxi));

        var source = await _host.Client.GetReportAsync(new GetReportRequest { ReportId = response.ReportId, View = ReportView.Source });

        Assert.Equal(SampleReports.Bytes(SampleReports.Fenxi), source.OriginalContent.ToByteArray());
        Assert.Null(source.Outline);
        Assert.Equal(("141034", "", ""), (source.Metadata.JurisdictionCode, source.OriginalText, source.NormalizedText));
    }

    [Fact]
    public async Task GetReports_RevisionsNamed_EachAsGetReportGivesItInRequestOrder()
    {
        var first = await _host.Client.SubmitReportAsync(Seed(SampleReports.Yungang));
        var edited = Seed(SampleReports.Yungang);
        edited.Content = ByteString.CopyFromUtf8(SampleReports.Text(SampleReports.Yungang).Replace("六、其他需要报告的重要事项", "六、其他需要报告的重要事项(更正)",
            StringComparison.Ordinal));
        await _host.Client.SubmitReportAsync(edited);
        var other = await _host.Client.SubmitReportAsync(Seed(SampleReports.Hunyuan));
        var request = new GetReportsRequest { View = ReportView.Source };
        request.Reports.Add(new ReportRevision { ReportId = other.ReportId });
        request.Reports.Add(new ReportRevision { ReportId = first.ReportId, Revision = 1 });
        request.Reports.Add(new ReportRevision { ReportId = first.ReportId });

        var reports = await ReadAllAsync(_host.Client.GetReports(request));
        var one = await _host.Client.GetReportAsync(new GetReportRequest { ReportId = first.ReportId, Revision = 1, View = ReportView.Source });

        Assert.Equal([(other.ReportId, 1), (first.ReportId, 1), (first.ReportId, 2)], reports.Select(r => (r.ReportId, r.Revision)));
        Assert.Equal(one, reports[1]);
        Assert.Equal(SampleReports.Bytes(SampleReports.Hunyuan), reports[0].OriginalContent.ToByteArray());
    }

    [Fact]
    public async Task GetReports_BadRequests_RefusedWithWhatToFix()
    {
        var stored = await _host.Client.SubmitReportAsync(Seed(SampleReports.Fenxi));
        var tooMany = new GetReportsRequest();
        tooMany.Reports.AddRange(Enumerable.Range(0, 501).Select(_ => new ReportRevision { ReportId = stored.ReportId }));
        var unknown = new GetReportsRequest();
        unknown.Reports.Add(new ReportRevision { ReportId = stored.ReportId });
        unknown.Reports.Add(new ReportRevision { ReportId = stored.ReportId, Revision = 7 });
        var blank = new GetReportsRequest();
        blank.Reports.Add(new ReportRevision { ReportId = " " });
        var negative = new GetReportsRequest();
        negative.Reports.Add(new ReportRevision { ReportId = stored.ReportId, Revision = -1 });
        var view = new GetReportsRequest { View = (ReportView)9 };
        view.Reports.Add(new ReportRevision { ReportId = stored.ReportId });

        async Task<(StatusCode, string?)> Refusal(GetReportsRequest request)
        {
            var sent = new List<Report>();
            var ex = await Assert.ThrowsAsync<RpcException>(async () => sent.AddRange(await ReadAllAsync(_host.Client.GetReports(request))));
            Assert.Empty(sent);
            Assert.False(string.IsNullOrWhiteSpace(ex.Status.Detail));
            return (ex.StatusCode, ServiceError.ReasonOf(ex));
        }

        Assert.Equal((StatusCode.InvalidArgument, "REPORTS_COUNT_INVALID"), await Refusal(new GetReportsRequest()));
        Assert.Equal((StatusCode.InvalidArgument, "REPORTS_COUNT_INVALID"), await Refusal(tooMany));
        Assert.Equal((StatusCode.NotFound, "REVISION_NOT_FOUND"), await Refusal(unknown));
        Assert.Equal((StatusCode.InvalidArgument, "REPORT_ID_MISSING"), await Refusal(blank));
        Assert.Equal((StatusCode.InvalidArgument, "REVISION_INVALID"), await Refusal(negative));
        Assert.Equal((StatusCode.InvalidArgument, "VIEW_INVALID"), await Refusal(view));
        Assert.Equal(stored.ReportId, (await _host.Client.GetReportAsync(new GetReportRequest { ReportId = stored.ReportId })).ReportId);
    }

    private static async Task<List<Report>> ReadAllAsync(AsyncServerStreamingCall<Report> call)
    {
        using (call)
        {
            var reports = new List<Report>();
            await foreach (var report in call.ResponseStream.ReadAllAsync())
            {
                reports.Add(report);
            }
            return reports;
        }
    }

    [Fact]
    public async Task SubmitReport_Seed_StoredWithMetadataOutlineAndOriginal()
    {
        var response = await _host.Client.SubmitReportAsync(Seed(SampleReports.Hunyuan));
        var full = await _host.Client.GetReportAsync(new GetReportRequest { ReportId = response.ReportId, View = ReportView.Full });
        var basic = await _host.Client.GetReportAsync(new GetReportRequest { ReportId = response.ReportId });

        Assert.Equal("created", response.Outcome);
        Assert.False(response.Duplicate);
        Assert.Equal(1, response.Revision);
        Assert.Equal("140225", response.Metadata.JurisdictionCode);
        Assert.Equal(["measures", "first_responsible", "shortfalls", "next_year_plan", "suggestions", "other_matters"], response.SectionKinds);
        Assert.Equal(SampleReports.Bytes(SampleReports.Hunyuan), full.OriginalContent.ToByteArray());
        Assert.Equal(SampleReports.Text(SampleReports.Hunyuan), full.OriginalText);
        Assert.NotEmpty(full.NormalizedText);
        Assert.Equal(64, full.ContentHash.Length);
        Assert.Equal("https://www.example.gov.cn/zwgk/000.html", full.SourceUrl);
        Assert.StartsWith("anonymous@ipv4:127.0.0.1", full.SubmittedBy, StringComparison.Ordinal);
        Assert.True(full.Current);
        Assert.Equal(6, full.Outline.Sections.Count);
        Assert.Empty(basic.OriginalText);
        Assert.True(basic.OriginalContent.IsEmpty);
        Assert.Equal(full.Outline, basic.Outline);
    }

    [Fact]
    public async Task SubmitReport_ReportWithoutTitle_CreatedNotRefused()
    {
        // A page that begins mid-page: no title, but its opening announces the report and its place.
        var text = "2024年,在市委、市政府的正确领导下,浑源县坚持依法行政。现将2024年度法治政府建设情况报告如下:\n" +
            "一、坚持党的领导,统筹推进法治建设\n县政府常务会议专题研究法治政府建设工作。\n二、规范行政执法,提升执法质效\n开展行政执法案卷评查。";

        var response = await _host.Client.SubmitReportAsync(new SubmitReportRequest { Content = ByteString.CopyFromUtf8(text), ClientReference = "untitled" });

        Assert.Equal("created", response.Outcome);
        Assert.Equal("140225", response.Metadata.JurisdictionCode);
        Assert.Equal(2024, response.Metadata.ReportYear);
    }

    [Fact]
    public async Task SubmitReport_SameContentAgain_DuplicateOfTheSameReport()
    {
        var first = await _host.Client.SubmitReportAsync(Seed(SampleReports.Pulan));
        var second = await _host.Client.SubmitReportAsync(Seed(SampleReports.Pulan));

        Assert.True(second.Duplicate);
        Assert.Equal("duplicate", second.Outcome);
        Assert.Equal(first.ReportId, second.ReportId);
        Assert.Equal(1, second.Revision);
    }

    [Fact]
    public async Task SubmitReport_DifferentTextSameJurisdictionAndYear_NewRevisionHistoryKept()
    {
        var first = await _host.Client.SubmitReportAsync(Seed(SampleReports.Yungang));
        var edited = Seed(SampleReports.Yungang);
        edited.Content = ByteString.CopyFromUtf8(SampleReports.Text(SampleReports.Yungang).Replace("六、其他需要报告的重要事项", "六、其他需要报告的重要事项(更正)",
            StringComparison.Ordinal));

        var second = await _host.Client.SubmitReportAsync(edited);
        var revisions = await _host.Client.ListRevisionsAsync(new ListRevisionsRequest { ReportId = first.ReportId });
        var old = await _host.Client.GetReportAsync(new GetReportRequest { ReportId = first.ReportId, Revision = 1 });
        var current = await _host.Client.GetReportAsync(new GetReportRequest { ReportId = first.ReportId });
        var resubmitFirst = await _host.Client.SubmitReportAsync(Seed(SampleReports.Yungang));

        Assert.Equal("revised", second.Outcome);
        Assert.Equal(first.ReportId, second.ReportId);
        Assert.Equal(2, second.Revision);
        Assert.Equal([2, 1], revisions.Revisions.Select(r => r.Revision));
        Assert.Equal([true, false], revisions.Revisions.Select(r => r.Current));
        Assert.False(old.Current);
        Assert.Equal(2, current.Revision);
        Assert.True(resubmitFirst.Duplicate);
        Assert.Equal(1, resubmitFirst.Revision);
    }

    [Fact]
    public async Task SubmitReport_CallerPublicationTime_WinsAndBothKept()
    {
        var request = Seed(SampleReports.Yungang);
        var supplied = new DateTimeOffset(2026, 1, 30, 9, 0, 0, TimeSpan.FromHours(8));
        request.PublishedAt = Timestamp.FromDateTimeOffset(supplied);

        var response = await _host.Client.SubmitReportAsync(request);

        Assert.Equal(supplied, response.Metadata.PublishedAt.ToDateTimeOffset());
        Assert.Equal(supplied, response.Metadata.PublishedAtSupplied.ToDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 16, 14, 0, TimeSpan.FromHours(8)), response.Metadata.PublishedAtFromPage.ToDateTimeOffset());
        Assert.Equal("header_field", response.Metadata.PublishedAtBasis);
    }

    [Fact]
    public async Task IngestReports_SeedsAndABadOne_OneResultEachInOrder()
    {
        using var call = _host.Client.IngestReports();
        var requests = SampleReports.All.Select(Seed).ToList();
        requests.Insert(2, new SubmitReportRequest { Content = ByteString.CopyFromUtf8("招聘公告\n我局招聘工作人员3名。"), ClientReference = "bad" });
        var reading = Task.Run(async () =>
        {
            var results = new List<IngestResult>();
            await foreach (var result in call.ResponseStream.ReadAllAsync())
            {
                results.Add(result);
            }
            return results;
        });
        foreach (var request in requests)
        {
            await call.RequestStream.WriteAsync(request);
        }
        await call.RequestStream.CompleteAsync();
        var results = await reading;

        Assert.Equal(Enumerable.Range(0, 6).Select(i => (long)i), results.Select(r => r.Sequence));
        Assert.Equal(requests.Select(r => r.ClientReference), results.Select(r => r.ClientReference));
        Assert.Equal("NOT_AN_ANNUAL_REPORT", results[2].Rejected.Reason);
        Assert.Equal((int)StatusCode.FailedPrecondition, results[2].Rejected.StatusCode);
        Assert.All(results.Where(r => r.ClientReference != "bad"), r => Assert.Equal("created", r.Accepted.Outcome));
        Assert.Equal("140214102", results.Single(r => r.ClientReference == SampleReports.YungangTown).Accepted.Metadata.JurisdictionCode);
    }
}

public sealed class HtmlSubmitTests : IAsyncLifetime
{
    private IngestionHost _host = null!;

    public async Task InitializeAsync() => _host = await IngestionHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task SubmitReport_HtmlPage_OriginalTextIsTheArticleTextSpansPointInto()
    {
        const string html = "<html><head><meta charset=\"utf-8\"></head><body><nav>首页</nav><p>浑源县2025年法治政府建设年度报告</p>" +
            "<p>一、主要措施和成效</p><p>全年开展普法活动12场。</p><p>二、存在的问题和不足</p><p>基层力量薄弱。</p></body></html>";

        var response = await _host.Client.SubmitReportAsync(new SubmitReportRequest { Content = ByteString.CopyFromUtf8(html), ContentType = "text/html" });
        var report = await _host.Client.GetReportAsync(new GetReportRequest { ReportId = response.ReportId, View = ReportView.Full });

        Assert.DoesNotContain("<p>", report.OriginalText, StringComparison.Ordinal);
        Assert.DoesNotContain("首页", report.OriginalText, StringComparison.Ordinal);
        Assert.Equal(html, report.OriginalContent.ToStringUtf8());
        var heading = report.Outline.Sections[1].HeadingSpan;
        Assert.Equal("存在的问题和不足", report.OriginalText.Substring(heading.Start, heading.Length));
    }
}
