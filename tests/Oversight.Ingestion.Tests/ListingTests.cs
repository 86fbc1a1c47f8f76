using Google.Protobuf;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Ingestion.Intake;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.Testing;

namespace Oversight.Ingestion.Tests;

public sealed class ListingTests : IAsyncLifetime
{
    private IngestionHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await IngestionHost.StartAsync();
        foreach (var seed in SampleReports.All)
        {
            await _host.Client.SubmitReportAsync(new SubmitReportRequest { Content = ByteString.CopyFrom(SampleReports.Bytes(seed)), ClientReference = seed });
        }
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<List<string>> CodesAsync(ReportFilter filter) =>
        (await _host.Client.ListReportsAsync(new ListReportsRequest { Filter = filter })).Reports.Select(r => r.Metadata.JurisdictionCode).Order().ToList();

    [Fact]
    public async Task ListReports_Filters_PrefixYearLevelAndPublication()
    {
        Assert.Equal(["140214", "140214102", "140225"], await CodesAsync(new ReportFilter { JurisdictionPrefix = "1402" }));
        Assert.Equal(["141034"], await CodesAsync(new ReportFilter { ReportYear = 2024 }));
        Assert.Equal(["140214102"], await CodesAsync(new ReportFilter { Level = "township" }));
        Assert.Equal(["140214", "140225"], await CodesAsync(new ReportFilter
        {
            PublishedFrom = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 20, 0, 0, 0, TimeSpan.FromHours(8))),
        }));
        Assert.Equal(5, (await CodesAsync(new ReportFilter())).Count);
    }

    [Fact]
    public async Task ListReports_PageByPage_EveryReportOnceAndTheLastPageHasNoToken()
    {
        var seen = new List<string>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await _host.Client.ListReportsAsync(new ListReportsRequest { PageSize = 2, PageToken = token });
            seen.AddRange(page.Reports.Select(r => r.ReportId));
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0);

        Assert.Equal(3, pages);
        Assert.Equal(5, seen.Distinct().Count());
    }

    [Fact]
    public async Task ListReports_TokenReusedWithAnotherFilterOrGarbage_InvalidArgument()
    {
        var page = await _host.Client.ListReportsAsync(new ListReportsRequest { PageSize = 1 });

        var other = await Assert.ThrowsAsync<RpcException>(async () =>
            await _host.Client.ListReportsAsync(
                new ListReportsRequest { PageSize = 1, PageToken = page.NextPageToken, Filter = new ReportFilter { ReportYear = 2025 } }));
        var garbage = await Assert.ThrowsAsync<RpcException>(async () => await _host.Client.ListReportsAsync(new ListReportsRequest { PageToken = "%%%" }));

        Assert.Equal("PAGE_TOKEN_INVALID", other.Trailers.GetValue(ServiceError.ReasonTrailer));
        Assert.Equal(StatusCode.InvalidArgument, garbage.StatusCode);
    }

    [Theory]
    [InlineData(501, "", 0, "", "PAGE_SIZE_INVALID")]
    [InlineData(-1, "", 0, "", "PAGE_SIZE_INVALID")]
    [InlineData(0, "14x", 0, "", "FILTER_INVALID")]
    [InlineData(0, "", 1900, "", "FILTER_INVALID")]
    [InlineData(0, "", 0, "village", "FILTER_INVALID")]
    public async Task ListReports_BadPageSizeOrFilter_InvalidArgumentWithReason(int pageSize, string prefix, int year, string level, string reason)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await _host.Client.ListReportsAsync(new ListReportsRequest
        {
            PageSize = pageSize,
            Filter = new ReportFilter { JurisdictionPrefix = prefix, ReportYear = year, Level = level },
        }));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal(reason, ex.Trailers.GetValue(ServiceError.ReasonTrailer));
    }

    [Fact]
    public async Task ListReports_ReportRevisedAfterAListing_OldRevisionNoLongerCurrentAndTheNewOneListed()
    {
        var withHistory = new ReportFilter { IncludeSuperseded = true };
        var before = (await _host.Client.ListReportsAsync(new ListReportsRequest { Filter = withHistory })).Reports;
        await _host.Client.ListReportsAsync(new ListReportsRequest());
        var edited = SampleReports.Text(SampleReports.Yungang)
            .Replace("六、其他需要报告的重要事项", "六、其他需要报告的重要事项(更正)", StringComparison.Ordinal);
        var revised = await _host.Client.SubmitReportAsync(new SubmitReportRequest { Content = ByteString.CopyFromUtf8(edited) });

        var after = (await _host.Client.ListReportsAsync(new ListReportsRequest { Filter = withHistory })).Reports;
        var currentOnly = (await _host.Client.ListReportsAsync(new ListReportsRequest())).Reports;

        Assert.Equal("revised", revised.Outcome);
        Assert.All(before, r => Assert.True(r.Current));
        var superseded = before.Single(r => r.ReportId == revised.ReportId).Clone();
        superseded.Current = false;
        Assert.Equal([.. before.Select(r => r.ReportId == revised.ReportId ? superseded : r)], after.Take(before.Count));
        Assert.Equal((revised.ReportId, 2, true), (after[^1].ReportId, after[^1].Revision, after[^1].Current));
        Assert.Equal([.. before.Where(r => r.ReportId != revised.ReportId).Append(after[^1])], currentOnly);
    }

    [Fact]
    public async Task StreamReports_Scope_EveryMatchingReport()
    {
        var codes = (await StreamAsync(new StreamReportsRequest { Filter = new ReportFilter { JurisdictionPrefix = "14" } })).Select(s =>
            s.Metadata.JurisdictionCode);

        Assert.Equal(["140214", "140214102", "140225", "141034"], codes.Order());
    }

    [Fact]
    public async Task StreamReports_KeysOnly_TheFullListingsKeysAndNothingElse()
    {
        var filter = new ReportFilter { JurisdictionPrefix = "14" };
        var full = await StreamAsync(new StreamReportsRequest { Filter = filter });
        var keys = await StreamAsync(new StreamReportsRequest { Filter = filter, KeysOnly = true });

        Assert.Equal(full.Count, keys.Count);
        foreach (var (whole, key) in full.Zip(keys))
        {
            Assert.Equal((whole.ReportId, whole.Revision, whole.Current), (key.ReportId, key.Revision, key.Current));
            var expected = new ReportMetadata
            {
                JurisdictionCode = whole.Metadata.JurisdictionCode, Level = whole.Metadata.Level,
                ReportYear = whole.Metadata.ReportYear, ReportType = whole.Metadata.ReportType,
            };
            Assert.Equal(expected, key.Metadata);
            Assert.NotEmpty(key.Metadata.ReportType);
            Assert.Empty(key.SectionKinds);
            Assert.Null(key.SubmittedAt);
        }
    }

    private async Task<List<ReportSummary>> StreamAsync(StreamReportsRequest request)
    {
        using var call = _host.Client.StreamReports(request);
        var summaries = new List<ReportSummary>();
        await foreach (var summary in call.ResponseStream.ReadAllAsync())
        {
            summaries.Add(summary);
        }
        return summaries;
    }

    [Fact]
    public async Task StreamReports_BadFilter_InvalidArgument()
    {
        using var call = _host.Client.StreamReports(new StreamReportsRequest { Filter = new ReportFilter { Level = "x" } });

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
    }
}
