using System.Text;
using Google.Protobuf;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Contracts.Metrics.V1;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.Testing;

namespace Oversight.Access.Tests;

/// <summary>A 大同市 (1402) city office key against the five seeds: three are 大同's, 汾西县 is another city of 山西, 普兰县 another province.</summary>
public sealed class CityScopeTests : IClassFixture<CityScopeTests.Fixture>
{
    private readonly Fixture _fixture;
    private readonly AccessStack _stack;

    public CityScopeTests(Fixture fixture)
    {
        _fixture = fixture;
        _stack = fixture.Stack;
    }

    private string Datong => _fixture.DatongKey;

    private string PulanId => _fixture.Ids[SampleReports.Pulan];

    private string HunyuanId => _fixture.Ids[SampleReports.Hunyuan];

    [Fact]
    public async Task GetReport_AnotherCitysReport_PermissionDenied()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await _stack.Ingestion(Datong).GetReportAsync(new GetReportRequest { ReportId = PulanId }));
        var own = await _stack.Ingestion(Datong).GetReportAsync(new GetReportRequest { ReportId = HunyuanId });

        Assert.Equal((StatusCode.PermissionDenied, "SCOPE_NOT_COVERED"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Contains("1402", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("140225", own.Metadata.JurisdictionCode);
    }

    [Fact]
    public async Task GetReports_OneOfAnotherCity_PermissionDeniedAndNothingSent()
    {
        var request = new GetReportsRequest();
        request.Reports.Add(new ReportRevision { ReportId = HunyuanId });
        request.Reports.Add(new ReportRevision { ReportId = PulanId });
        using var call = _stack.Ingestion(Datong).GetReports(request);
        var sent = new List<Report>();

        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var report in call.ResponseStream.ReadAllAsync())
            {
                sent.Add(report);
            }
        });

        Assert.Equal((StatusCode.PermissionDenied, "SCOPE_NOT_COVERED"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Empty(sent);
    }

    [Fact]
    public async Task SubmitReport_FetchEvidenceFromACityOffice_PermissionDeniedAndNothingStored()
    {
        var request = new SubmitReportRequest
        {
            Content = ByteString.CopyFrom(SampleReports.Bytes(SampleReports.Hunyuan)),
            ContentType = "text/plain; charset=utf-8",
            // A claim of having been online since long before the deadline: only the platform's watcher may make it.
            Fetch = new FetchEvidence
            {
                FirstSeenAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2020, 1, 1, 0, 0, 0,
                TimeSpan.Zero))
            },
        };
        var before = await _stack.Ingestion(Datong).ListRevisionsAsync(new ListRevisionsRequest { ReportId = HunyuanId });

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await _stack.Ingestion(Datong).SubmitReportAsync(request));
        var attachments = await Assert.ThrowsAsync<RpcException>(async () => await _stack.Ingestion(Datong).SubmitReportAsync(
            new SubmitReportRequest { Content = request.Content, Attachments = { new Attachment { Url = "http://x.gov.cn/a.pdf" } } }));
        var after = await _stack.Ingestion(Datong).ListRevisionsAsync(new ListRevisionsRequest { ReportId = HunyuanId });

        Assert.Equal((StatusCode.PermissionDenied, "FETCH_EVIDENCE_NOT_ALLOWED"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Equal("FETCH_EVIDENCE_NOT_ALLOWED", ServiceError.ReasonOf(attachments));
        Assert.Equal(before.Revisions.Count, after.Revisions.Count);
    }

    [Fact]
    public async Task ListRevisions_AnotherCitysReport_PermissionDenied()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async ()
            => await _stack.Ingestion(Datong).ListRevisionsAsync(new ListRevisionsRequest { ReportId = PulanId }));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("14")]
    [InlineData("1402")]
    public async Task ListReports_PrefixCoveringMore_OnlyTheCitysReports(string prefix)
    {
        var listed = await _stack.Ingestion(Datong).ListReportsAsync(new ListReportsRequest { Filter = new ReportFilter { JurisdictionPrefix = prefix } });

        Assert.Equal(3, listed.Reports.Count);
        Assert.All(listed.Reports, r => Assert.StartsWith("1402", r.Metadata.JurisdictionCode, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("5425")]
    [InlineData("1410")]
    public async Task ListReports_AnotherCitysPrefix_Empty(string prefix)
    {
        var listed = await _stack.Ingestion(Datong).ListReportsAsync(new ListReportsRequest { Filter = new ReportFilter { JurisdictionPrefix = prefix } });

        Assert.Empty(listed.Reports);
    }

    [Fact]
    public async Task StreamReports_NoPrefix_OnlyTheCitysReports()
    {
        using var call = _stack.Ingestion(Datong).StreamReports(new StreamReportsRequest());
        var codes = new List<string>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            codes.Add(call.ResponseStream.Current.Metadata.JurisdictionCode);
        }

        Assert.Equal(3, codes.Count);
        Assert.All(codes, c => Assert.StartsWith("1402", c, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("14")]
    public async Task CountReports_PrefixCoveringMore_CountsOnlyTheCitysReports(string prefix)
    {
        var request = new CountReportsRequest { JurisdictionPrefix = prefix, ReportYear = 2025, GroupLength = 4 };

        var counted = await _stack.Ingestion(Datong).CountReportsAsync(request);
        var all = await _stack.Ingestion(_stack.AdminKey).CountReportsAsync(new CountReportsRequest { ReportYear = 2025, GroupLength = 4 });

        Assert.Equal(["1402 rule_of_law 3"], counted.Counts.Select(c => $"{c.JurisdictionPrefix} {c.ReportType} {c.Count}"));
        Assert.Contains(all.Counts, c => c.JurisdictionPrefix == "5425");
    }

    [Fact]
    public async Task CountReports_AnotherProvincesPrefix_NothingCounted()
    {
        var counted = await _stack.Ingestion(Datong).CountReportsAsync(new CountReportsRequest { JurisdictionPrefix = "5425", ReportYear = 2025 });

        Assert.Empty(counted.Counts);
    }

    [Fact]
    public async Task SubmitReport_AnotherCitysJurisdiction_RefusedAndNothingStored()
    {
        // A new revision of 普兰县's report (one more line), which would be stored if accepted.
        var content = Encoding.UTF8.GetBytes(SampleReports.Text(SampleReports.Pulan) + "\n附:本报告由大同市系统误报。\n");

        var ex = await Assert.ThrowsAsync<RpcException>(async ()
            => await _stack.Ingestion(Datong).SubmitReportAsync(new SubmitReportRequest { Content = ByteString.CopyFrom(content) }));
        var revisions = await _stack.Ingestion(_stack.AdminKey).ListRevisionsAsync(new ListRevisionsRequest { ReportId = PulanId });

        Assert.Equal((StatusCode.PermissionDenied, "SCOPE_NOT_COVERED"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Contains("542521", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Single(revisions.Revisions);
    }

    [Fact]
    public async Task IngestReports_MixedJurisdictions_OtherCitysItemRejectedOwnAccepted()
    {
        using var call = _stack.Ingestion(Datong).IngestReports();
        await call.RequestStream.WriteAsync(
            new SubmitReportRequest { Content = ByteString.CopyFrom(SampleReports.Bytes(SampleReports.Hunyuan)), ClientReference = "own" });
        await call.RequestStream.WriteAsync(
            new SubmitReportRequest { Content = ByteString.CopyFrom(SampleReports.Bytes(SampleReports.Fenxi)), ClientReference = "other" });
        await call.RequestStream.CompleteAsync();
        var results = new List<IngestResult>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            results.Add(call.ResponseStream.Current);
        }

        Assert.Equal(IngestResult.ResultOneofCase.Accepted, results.Single(r => r.ClientReference == "own").ResultCase);
        var rejected = results.Single(r => r.ClientReference == "other").Rejected;
        Assert.Equal(((int)StatusCode.PermissionDenied, "SCOPE_NOT_COVERED"), (rejected.StatusCode, rejected.Reason));
    }

    [Fact]
    public async Task GetReportMetrics_AnotherCitysReport_PermissionDenied()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async ()
            => await _stack.Metrics(Datong).GetReportMetricsAsync(new GetReportMetricsRequest { ReportId = PulanId }));
        var own = await _stack.Metrics(Datong).GetReportMetricsAsync(new GetReportMetricsRequest { ReportId = HunyuanId });

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.NotEmpty(own.Values);
    }

    [Theory]
    [InlineData("", AggregateGrouping.Jurisdiction)]
    [InlineData("14", AggregateGrouping.Jurisdiction)]
    [InlineData("", AggregateGrouping.Level)]
    [InlineData("", AggregateGrouping.Unspecified)]
    public async Task QueryAggregates_WholeCountryOrProvince_OnlyTheCitysReportsCounted(string prefix, AggregateGrouping grouping)
    {
        var request = new QueryAggregatesRequest { JurisdictionPrefix = prefix, GroupBy = grouping, Indicators = { "legal_aid.cases" } };

        var city = await _stack.Metrics(Datong).QueryAggregatesAsync(request);
        var expected = await _stack.Metrics(_stack.AdminKey).QueryAggregatesAsync(new QueryAggregatesRequest(request) { JurisdictionPrefix = "1402" });

        Assert.Equal(expected.Rows, city.Rows);
        Assert.Equal(3, city.Rows.Sum(r => r.ReportsStating + r.ReportsNotStating));
    }

    [Fact]
    public async Task QueryAggregates_AnotherCitysPrefix_NoRows()
    {
        var request = new QueryAggregatesRequest { JurisdictionPrefix = "5425", GroupBy = AggregateGrouping.Jurisdiction };
        var city = await _stack.Metrics(Datong).QueryAggregatesAsync(request);

        Assert.Empty(city.Rows);
    }

    [Fact]
    public async Task CompareYears_AnotherCity_PermissionDenied()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async ()
            => await _stack.Metrics(Datong).CompareYearsAsync(new CompareYearsRequest { JurisdictionCode = "542521" }));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }

    [Fact]
    public async Task ExportValues_NoPrefix_OnlyTheCitysValues()
    {
        using var call = _stack.Metrics(Datong).ExportValues(new ExportValuesRequest());
        var codes = new List<string>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            codes.Add(call.ResponseStream.Current.JurisdictionCode);
        }

        Assert.NotEmpty(codes);
        Assert.All(codes, c => Assert.StartsWith("1402", c, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListFindings_NoPrefix_OnlyTheCitysFindings()
    {
        var all = await _stack.Compliance(_stack.AdminKey).ListFindingsAsync(new ListFindingsRequest { PageSize = 100 });
        var city = await _stack.Compliance(Datong).ListFindingsAsync(new ListFindingsRequest { PageSize = 100 });

        Assert.NotEmpty(city.Findings);
        Assert.All(city.Findings, f => Assert.StartsWith("1402", f.JurisdictionCode, StringComparison.Ordinal));
        Assert.Equal(all.Findings.Count(f => f.JurisdictionCode.StartsWith("1402", StringComparison.Ordinal)), city.Findings.Count);
    }

    [Fact]
    public async Task SummarizeFindings_WiderPrefix_CountsOnlyTheCitysOpenFindings()
    {
        var listed = (await _stack.Compliance(_stack.AdminKey).ListFindingsAsync(new ListFindingsRequest
        {
            JurisdictionPrefix = "1402", Status = "open", ReportType = "rule_of_law", PageSize = 500,
        })).Findings;
        var year = listed.First().ReportYear;

        var summary = await _stack.Compliance(Datong).SummarizeFindingsAsync(new SummarizeFindingsRequest { JurisdictionPrefix = "14", ReportYear = year });

        var expected = listed.Where(f => f.ReportYear == year).GroupBy(f => (f.Code, f.Severity)).Select(g => (g.Key.Code, g.Key.Severity,
            (long)g.Count())).Order();
        Assert.Equal(expected, summary.ByCode.Select(c => (c.Code, c.Severity, c.Count)).Order());
        Assert.Equal("1402", summary.JurisdictionPrefix);
        Assert.All(summary.ByJurisdiction, j => Assert.StartsWith("1402", j.JurisdictionCode, StringComparison.Ordinal));
        Assert.Equal(summary.ByCode.Sum(c => c.Count), summary.ByJurisdiction.Sum(j => j.Errors + j.Warnings + j.Infos));
    }

    [Fact]
    public async Task SummarizeFindings_AnotherProvincesPrefix_NothingCounted()
    {
        var other = (await _stack.Compliance(_stack.AdminKey).ListFindingsAsync(new ListFindingsRequest { JurisdictionPrefix = "5425" })).Findings.First();

        var request = new SummarizeFindingsRequest { JurisdictionPrefix = "5425", ReportYear = other.ReportYear };
        var summary = await _stack.Compliance(Datong).SummarizeFindingsAsync(request);

        Assert.Empty(summary.ByCode);
        Assert.Empty(summary.ByJurisdiction);
    }

    [Theory]
    [InlineData("", 0, "", "report_year")]
    [InlineData("14x", 2025, "", "jurisdiction_prefix")]
    [InlineData("", 1999, "", "report_year")]
    [InlineData("", 2025, "annual", "report_type")]
    public async Task SummarizeFindings_BadFilter_InvalidArgumentNamingTheField(string prefix, int year, string type, string field)
    {
        var request = new SummarizeFindingsRequest { JurisdictionPrefix = prefix, ReportYear = year, ReportType = type };

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await _stack.Compliance(Datong).SummarizeFindingsAsync(request));

        Assert.Equal((StatusCode.InvalidArgument, "FILTER_INVALID"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.StartsWith(field, ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCaller_CityKey_ItsOwnRoleAndScopeNeverTheSecret()
    {
        var caller = await _stack.Access(Datong).GetCallerAsync(new Oversight.Contracts.Access.V1.GetCallerRequest());

        Assert.Equal(("大同市司法局", "city_office", "1402"), (caller.Name, caller.Role, caller.Scope));
        Assert.StartsWith("ovk_" + caller.KeyId + "_", Datong, StringComparison.Ordinal);
        Assert.DoesNotContain(Datong, caller.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCaller_WrongKey_Unauthenticated()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await _stack.Access(Datong[..^4] + "AAAA").GetCallerAsync(new Oversight.Contracts.Access.V1.GetCallerRequest()));

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
    }

    [Fact]
    public async Task GetFinding_AnotherCitysFinding_PermissionDenied()
    {
        var all = await _stack.Compliance(_stack.AdminKey).ListFindingsAsync(new ListFindingsRequest { JurisdictionPrefix = "5425" });
        var other = all.Findings.First();

        var ex = await Assert.ThrowsAsync<RpcException>(async ()
            => await _stack.Compliance(Datong).GetFindingAsync(new GetFindingRequest { FindingId = other.FindingId }));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }

    [Fact]
    public async Task ListRulePacks_CityKey_NationalAndOwnCitysPacksOnly()
    {
        var packs = await _stack.Compliance(Datong).ListRulePacksAsync(new ListRulePacksRequest());

        Assert.NotEmpty(packs.Packs);
        Assert.All(packs.Packs, p => Assert.True(p.ScopePrefix.Length == 0 || p.ScopePrefix.StartsWith("1402", StringComparison.Ordinal)
            || "1402".StartsWith(p.ScopePrefix, StringComparison.Ordinal), p.ScopePrefix));
    }

    public sealed class Fixture : IAsyncLifetime
    {
        public AccessStack Stack { get; } = new();

        public IReadOnlyDictionary<string, string> Ids { get; private set; } = null!;

        public string DatongKey { get; private set; } = "";

        public async Task InitializeAsync()
        {
            await Stack.InitializeAsync();
            Ids = await Stack.SubmitSeedsAsync();
            DatongKey = await Stack.CreateKeyAsync(Roles.CityOffice, "1402", "大同市司法局");
        }

        public Task DisposeAsync() => Stack.DisposeAsync();
    }
}
