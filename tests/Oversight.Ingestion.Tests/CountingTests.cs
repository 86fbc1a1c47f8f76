using Google.Protobuf;
using Grpc.Core;
using Oversight.Contracts.Ingestion.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.Testing;

namespace Oversight.Ingestion.Tests;

/// <summary>
/// CountReports over the five seeds (大同市 1402: 云冈区, 云冈镇, 浑源县 for 2025; 汾西县 2024; 普兰县 2025), 浑源县's revised once,
/// and 浑源县's government information disclosure report for 2024 (another type).
/// </summary>
public sealed class CountingTests : IAsyncLifetime
{
    private IngestionHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await IngestionHost.StartAsync();
        foreach (var seed in SampleReports.All)
        {
            await _host.Client.SubmitReportAsync(new SubmitReportRequest { Content = ByteString.CopyFrom(SampleReports.Bytes(seed)) });
        }
        var revised = await _host.Client.SubmitReportAsync(new SubmitReportRequest
        {
            Content = ByteString.CopyFromUtf8(SampleReports.Text(SampleReports.Hunyuan) + "\n附:更正了一处数字。\n"),
        });
        Assert.Equal(2, revised.Revision);
        await _host.Client.SubmitReportAsync(new SubmitReportRequest { Content = ByteString.CopyFromUtf8(SampleReports.DisclosureText) });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<List<string>> CountAsync(string prefix, int year, int groupLength) =>
        [.. (await _host.Client.CountReportsAsync(new CountReportsRequest { JurisdictionPrefix = prefix, ReportYear = year, GroupLength = groupLength }))
            .Counts.Select(c => $"{c.JurisdictionPrefix} {c.ReportType} {c.Count}")];

    [Fact]
    public async Task CountReports_GroupLengths_OneCountPerGroupAndTypeAndOnlyCurrentRevisions()
    {
        Assert.Equal(["14 rule_of_law 3", "54 rule_of_law 1"], await CountAsync("", 2025, 2));
        Assert.Equal(["1402 rule_of_law 3"], await CountAsync("14", 2025, 4));
        Assert.Equal(["140214 rule_of_law 2", "140225 rule_of_law 1"], await CountAsync("1402", 2025, 6));
        Assert.Equal(["140214 rule_of_law 1", "140214102 rule_of_law 1", "140225 rule_of_law 1"], await CountAsync("1402", 2025, 0));
        Assert.Equal(["140214 rule_of_law 1", "140214102 rule_of_law 1"], await CountAsync("140214", 2025, 9));
        Assert.Equal(["1402 information_disclosure 1", "1410 rule_of_law 1"], await CountAsync("", 2024, 4));
        Assert.Equal(["1402 information_disclosure 1"], await CountAsync("1402", 2024, 4));
        Assert.Empty(await CountAsync("1403", 2025, 4));
    }

    [Fact]
    public async Task CountReports_SameYearAndScope_EqualsTheCurrentReportsStreamReportsLists()
    {
        var streamed = new Dictionary<string, long>();
        using (var call = _host.Client.StreamReports(new StreamReportsRequest { Filter = new ReportFilter { JurisdictionPrefix = "14", ReportYear = 2025 } }))
        {
            await foreach (var report in call.ResponseStream.ReadAllAsync())
            {
                var city = report.Metadata.JurisdictionCode[..4];
                streamed[city] = streamed.GetValueOrDefault(city) + (report.Current ? 1 : 0);
            }
        }

        var counted = await _host.Client.CountReportsAsync(new CountReportsRequest { JurisdictionPrefix = "14", ReportYear = 2025, GroupLength = 4 });

        Assert.Equal(streamed, counted.Counts.ToDictionary(c => c.JurisdictionPrefix, c => c.Count));
    }

    [Theory]
    [InlineData("1402", 0, 4, "report_year")]
    [InlineData("1402", 1999, 4, "report_year")]
    [InlineData("14x", 2025, 4, "jurisdiction_prefix")]
    [InlineData("1402", 2025, 3, "group_length")]
    [InlineData("1402", 2025, -2, "group_length")]
    public async Task CountReports_BadRequest_InvalidArgumentNamingTheField(string prefix, int year, int groupLength, string field)
    {
        var request = new CountReportsRequest { JurisdictionPrefix = prefix, ReportYear = year, GroupLength = groupLength };

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await _host.Client.CountReportsAsync(request));

        Assert.Equal((StatusCode.InvalidArgument, "FILTER_INVALID"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Contains(field, ex.Status.Detail, StringComparison.Ordinal);
    }
}
