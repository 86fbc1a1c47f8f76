using Oversight.Analysis.Indicators;
using Oversight.Contracts.Metrics.V1;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.Testing;

namespace Oversight.Metrics.Tests;

/// <summary>Aggregates, year comparisons and exports over the five seeds, analysed through the real services.</summary>
public sealed class QueryTests : IAsyncLifetime
{
    private MetricsStack _stack = null!;
    private readonly Dictionary<string, string> _ids = [];

    public async Task InitializeAsync()
    {
        _stack = await MetricsStack.StartAsync();
        foreach (var seed in SampleReports.All)
        {
            var submitted = await _stack.SubmitAsync(seed);
            _ids[seed] = submitted.ReportId;
            await _stack.Metrics.AnalyzeReportAsync(new AnalyzeReportRequest { ReportId = submitted.ReportId });
        }
        // 浑源县 also reported for 2024, with fewer new reconsideration cases.
        var earlier = SampleReports.Text(SampleReports.Hunyuan).Replace("2025", "2024", StringComparison.Ordinal).Replace("本年度新收47件", "本年度新收40件",
            StringComparison.Ordinal);
        var submittedEarlier = await _stack.SubmitAsync(SampleReports.Hunyuan, "140225", 2024, earlier);
        await _stack.Metrics.AnalyzeReportAsync(new AnalyzeReportRequest { ReportId = submittedEarlier.ReportId });
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    private Task<QueryAggregatesResponse> Aggregate(QueryAggregatesRequest request) => _stack.Metrics.QueryAggregatesAsync(request).ResponseAsync;

    [Fact]
    public async Task QueryAggregates_DatongByJurisdiction_OneRowPerGroupAndIndicatorWithStatingCounts()
    {
        var response = await Aggregate(new QueryAggregatesRequest
        {
            JurisdictionPrefix = "1402", ReportYear = 2025, GroupBy = AggregateGrouping.Jurisdiction,
            Indicators = { "admin_reconsideration.received" },
        });

        Assert.Equal(
            [("140214", "云冈区", 84d, 1, 0), ("140214102", "云冈镇", 0d, 0, 1), ("140225", "浑源县", 47d, 1, 0)],
            response.Rows.Select(r => (r.GroupKey, r.GroupLabel, r.Sum, r.ReportsStating, r.ReportsNotStating)));
    }

    [Fact]
    public async Task QueryAggregates_DatongByParent_SumMinMaxMeanOverTheCounties()
    {
        var response = await Aggregate(new QueryAggregatesRequest
        {
            JurisdictionPrefix = "1402", ReportYear = 2025, Level = "county", GroupBy = AggregateGrouping.Parent,
            Indicators = { "admin_reconsideration.received", "legal_aid.cases" },
        });

        var received = Assert.Single(response.Rows, r => r.Indicator == "admin_reconsideration.received");
        var legalAid = Assert.Single(response.Rows, r => r.Indicator == "legal_aid.cases");
        Assert.Equal(("140200", "大同市", 131d, 47d, 84d, 65.5, 2, 0), (received.GroupKey, received.GroupLabel, received.Sum, received.Min, received.Max,
            received.Mean, received.ReportsStating, received.ReportsNotStating));
        Assert.Equal((361d, 112d, 249d, "件"), (legalAid.Sum, legalAid.Min, legalAid.Max, legalAid.Unit));
    }

    [Fact]
    public async Task QueryAggregates_ByYearAndLevel_GroupsAsAsked()
    {
        var byYear = await Aggregate(new QueryAggregatesRequest { GroupBy = AggregateGrouping.Year, Indicators = { "legal_aid.cases" } });
        var byLevel = await Aggregate(new QueryAggregatesRequest { ReportYear = 2025, GroupBy = AggregateGrouping.Level, Indicators = { "legal_aid.cases" } });

        Assert.Equal([("2024", "2024年", 171d, 2, 0), ("2025", "2025年", 361d, 2, 2)],
            byYear.Rows.Select(r => (r.GroupKey, r.GroupLabel, r.Sum, r.ReportsStating, r.ReportsNotStating)));
        Assert.Equal([("county", 361d, 2, 1), ("township", 0d, 0, 1)], byLevel.Rows.Select(r => (r.GroupKey, r.Sum, r.ReportsStating, r.ReportsNotStating)));
    }

    [Fact]
    public async Task QueryAggregates_IndicatorNamedTwice_OneRowPerGroupInTheOrderAsked()
    {
        var response = await Aggregate(new QueryAggregatesRequest
        {
            JurisdictionPrefix = "1402", ReportYear = 2025, GroupBy = AggregateGrouping.Parent,
            Indicators = { "legal_aid.cases", "admin_reconsideration.received", "legal_aid.cases" },
        });

        Assert.Equal(
            [
                ("140200", "legal_aid.cases", 361d), ("140200", "admin_reconsideration.received", 131d),
                ("140214", "legal_aid.cases", 0d), ("140214", "admin_reconsideration.received", 0d),
            ],
            response.Rows.Select(r => (r.GroupKey, r.Indicator, r.Sum)));
    }

    [Fact]
    public async Task QueryAggregates_NoIndicatorsNamed_EveryCatalogIndicator()
    {
        var response = await Aggregate(new QueryAggregatesRequest { ReportYear = 2025 });

        Assert.Equal(IndicatorCatalog.Default.Indicators.Count, response.Rows.Count);
        Assert.All(response.Rows, r => Assert.Equal(4, r.ReportsStating + r.ReportsNotStating));
    }

    [Theory]
    [InlineData("14a", 0, "", 0, "", "FILTER_INVALID", "jurisdiction_prefix")]
    [InlineData("", 1800, "", 0, "", "FILTER_INVALID", "report_year")]
    [InlineData("", 0, "village", 0, "", "FILTER_INVALID", "level")]
    [InlineData("", 0, "", 9, "", "FILTER_INVALID", "group_by")]
    [InlineData("", 0, "", 0, "admin.unknown", "INDICATOR_UNKNOWN", "admin.unknown")]
    public async Task QueryAggregates_BadFilter_InvalidArgumentNamingTheField(string prefix, int year, string level, int groupBy, string indicator,
        string reason, string mentioned)
    {
        var request = new QueryAggregatesRequest { JurisdictionPrefix = prefix, ReportYear = year, Level = level, GroupBy = (AggregateGrouping)groupBy };
        if (indicator.Length > 0)
        {
            request.Indicators.Add(indicator);
        }

        var ex = await Assert.ThrowsAsync<RpcException>(() => Aggregate(request));

        Assert.Equal((StatusCode.InvalidArgument, reason), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Contains(mentioned, ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAggregates_InGroups_SameFiguresAsTheRows()
    {
        var request = new QueryAggregatesRequest { JurisdictionPrefix = "14", GroupBy = AggregateGrouping.Jurisdiction };
        var rows = await Aggregate(request);
        var groups = await Aggregate(new QueryAggregatesRequest(request) { Layout = AggregateLayout.Groups });

        Assert.Empty(groups.Rows);
        Assert.Equal(IndicatorCatalog.Default.Indicators.Select(i => i.Id), groups.Indicators);
        Assert.Equal(rows.Rows.Select(r => r.GroupKey).Distinct(), groups.Groups.Select(g => g.GroupKey));
        Assert.Equal(
            rows.Rows.Select(r => (r.GroupKey, r.GroupLabel, r.Indicator, r.Unit, r.Sum, r.Min, r.Max, r.Mean, r.ReportsStating, r.ReportsNotStating)),
            groups.Groups.SelectMany(g => groups.Indicators.Select((indicator, i) =>
                (g.GroupKey, g.GroupLabel, indicator, groups.Units[i], g.Sums[i], g.Mins[i], g.Maxes[i],
                g.ReportsStating[i] == 0 ? 0 : g.Sums[i] / g.ReportsStating[i], g.ReportsStating[i], g.Reports - g.ReportsStating[i]))));
        var hunyuan = Assert.Single(groups.Groups, g => g.GroupKey == "140225");
        var received = groups.Indicators.IndexOf("admin_reconsideration.received");
        Assert.Equal((2, 2, 87d, 40d, 47d), (hunyuan.Reports, hunyuan.ReportsStating[received], hunyuan.Sums[received], hunyuan.Mins[received],
            hunyuan.Maxes[received]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task QueryAggregates_PagesOfTwoGroups_EveryGroupOnceInOrderNoTokenAfterTheLast(int layout)
    {
        var request = new QueryAggregatesRequest
        {
            JurisdictionPrefix = "14", GroupBy = AggregateGrouping.Jurisdiction, Layout = (AggregateLayout)layout, Indicators = { "legal_aid.cases" },
        };
        var whole = await Aggregate(request);
        var keys = new List<string>();
        var sums = new List<double>();
        var pages = 0;
        var paged = new QueryAggregatesRequest(request) { PageSize = 2 };
        do
        {
            var page = await Aggregate(paged);
            Assert.InRange(++pages, 1, 5);
            Assert.InRange(page.Rows.Count + page.Groups.Count, 1, 2);
            keys.AddRange(page.Rows.Select(r => r.GroupKey).Concat(page.Groups.Select(g => g.GroupKey)));
            sums.AddRange(page.Rows.Select(r => r.Sum).Concat(page.Groups.Select(g => g.Sums[0])));
            paged.PageToken = page.NextPageToken;
        }
        while (paged.PageToken.Length > 0);

        var expected = whole.Rows.Select(r => r.GroupKey).Concat(whole.Groups.Select(g => g.GroupKey)).ToList();
        Assert.Equal(4, expected.Count);
        Assert.Equal(expected, keys);
        Assert.Equal(whole.Rows.Select(r => r.Sum).Concat(whole.Groups.Select(g => g.Sums[0])), sums);
        Assert.Equal(2, pages); // the second page full, and still the last
        Assert.Empty(whole.NextPageToken);
    }

    [Theory]
    [InlineData(7, 0, "FILTER_INVALID", "layout")]
    [InlineData(0, -1, "PAGE_SIZE_INVALID", "page_size")]
    [InlineData(1, 10_001, "PAGE_SIZE_INVALID", "10000")]
    public async Task QueryAggregates_BadLayoutOrPageSize_InvalidArgumentNamingTheField(int layout, int pageSize, string reason, string mentioned)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Aggregate(new QueryAggregatesRequest { Layout = (AggregateLayout)layout, PageSize = pageSize }));

        Assert.Equal((StatusCode.InvalidArgument, reason), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Contains(mentioned, ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAggregates_PageTokenWithAnotherFilterOrEdited_InvalidArgument()
    {
        var first = await Aggregate(new QueryAggregatesRequest
        {
            JurisdictionPrefix = "14", GroupBy = AggregateGrouping.Jurisdiction, Layout = AggregateLayout.Groups, PageSize = 2,
        });
        Assert.NotEmpty(first.NextPageToken);

        foreach (var next in new[]
        {
            new QueryAggregatesRequest { JurisdictionPrefix = "1402", GroupBy = AggregateGrouping.Jurisdiction, Layout = AggregateLayout.Groups, PageSize = 2,
                PageToken = first.NextPageToken },
            new QueryAggregatesRequest { JurisdictionPrefix = "14", GroupBy = AggregateGrouping.Jurisdiction, Layout = AggregateLayout.Groups, PageSize = 2,
                PageToken = "x" + first.NextPageToken },
        })
        {
            var ex = await Assert.ThrowsAsync<RpcException>(() => Aggregate(next));
            Assert.Equal((StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        }
    }

    [Fact]
    public async Task CompareYears_Hunyuan_PointsPerYearWithTheChange()
    {
        var response = await _stack.Metrics.CompareYearsAsync(new CompareYearsRequest
        {
            JurisdictionCode = "140225", Indicators = { "admin_reconsideration.received", "legal_aid.cases" },
        });

        Assert.Equal([2024, 2025], response.Years);
        var received = Assert.Single(response.Series, s => s.Indicator == "admin_reconsideration.received");
        Assert.Equal([(2024, true, 40d, false, 0d), (2025, true, 47d, true, 7d)],
            received.Points.Select(p => (p.Year, p.Stated, p.Value, p.ChangeKnown, p.Change)));
    }

    [Fact]
    public async Task CompareYears_RangeWiderThanTheRecord_UnstatedYearsShown()
    {
        var response = await _stack.Metrics.CompareYearsAsync(new CompareYearsRequest { JurisdictionCode = "140225", FromYear = 2023, ToYear = 2025 });

        Assert.Equal([2023, 2024, 2025], response.Years);
        var received = Assert.Single(response.Series, s => s.Indicator == "admin_reconsideration.received");
        Assert.False(received.Points[0].Stated);
        Assert.Equal(18 + 6, response.Series.Count); // the indicators 浑源县 states (some more than once), and its six task areas
    }

    [Theory]
    [InlineData("1402", 0, 0, "", "jurisdiction_code")]
    [InlineData("140225", 2026, 2025, "", "from_year")]
    [InlineData("140225", 0, 3000, "", "to_year")]
    [InlineData("140225", 0, 0, "no.such", "no.such")]
    public async Task CompareYears_BadRequest_InvalidArgument(string code, int from, int to, string indicator, string mentioned)
    {
        var request = new CompareYearsRequest { JurisdictionCode = code, FromYear = from, ToYear = to };
        if (indicator.Length > 0)
        {
            request.Indicators.Add(indicator);
        }

        var ex = await Assert.ThrowsAsync<RpcException>(() => _stack.Metrics.CompareYearsAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(mentioned, ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportValues_Datong2025_EveryValueOfTheScopeOnce()
    {
        var call = _stack.Metrics.ExportValues(new ExportValuesRequest { JurisdictionPrefix = "1402", ReportYear = 2025 });
        var values = new List<MetricValue>();
        await foreach (var value in call.ResponseStream.ReadAllAsync())
        {
            values.Add(value);
        }

        // Figures plus one value per task area covered (6, 9 and 4).
        Assert.Equal([(_ids[SampleReports.Hunyuan], 21 + 6), (_ids[SampleReports.Yungang], 16 + 9), (_ids[SampleReports.YungangTown], 9 + 4)],
            values.CountBy(v => v.ReportId).Select(g => (g.Key, g.Value)).OrderBy(g =>
                g.Key == _ids[SampleReports.Hunyuan] ? 0 : g.Key == _ids[SampleReports.Yungang] ? 1 : 2));
        Assert.All(values, v => Assert.Equal(2025, v.ReportYear));
        Assert.Equal(values.Count, values.Select(v => (v.ReportId, v.Evidence.Span.Start, v.Indicator, v.RawText)).Distinct().Count());
    }

    // "How many counties of 大同市 report nothing on 数字法治政府": task-area coverage aggregates like any indicator.
    [Fact]
    public async Task QueryAggregates_TaskAreaByParent_ReportsCoveringAndNot()
    {
        var response = await Aggregate(new QueryAggregatesRequest
        {
            JurisdictionPrefix = "1402", ReportYear = 2025, GroupBy = AggregateGrouping.Parent,
            Indicators = { "task_area.digital_government", "task_area.emergency_response" },
        });

        var digital = Assert.Single(response.Rows, r => r.Indicator == "task_area.digital_government" && r.GroupKey == "140200");
        var emergency = Assert.Single(response.Rows, r => r.Indicator == "task_area.emergency_response" && r.GroupKey == "140200");
        // 大同市's counties: 云冈区 covers both, 浑源县 neither.
        Assert.Equal((1, 1, "项"), (digital.ReportsStating, digital.ReportsNotStating, digital.Unit));
        Assert.Equal((1, 1), (emergency.ReportsStating, emergency.ReportsNotStating));
    }

    [Fact]
    public async Task ExportValues_BadIndicator_InvalidArgumentBeforeAnyValue()
    {
        var call = _stack.Metrics.ExportValues(new ExportValuesRequest { Indicators = { "nope.nope" } });

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal((StatusCode.InvalidArgument, "INDICATOR_UNKNOWN"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
    }
}
