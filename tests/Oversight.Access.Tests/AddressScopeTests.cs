using System.Text;
using Grpc.Core;
using Oversight.Contracts.Ingestion.V1;
using Oversight.PortalSimulator;
using Oversight.ServiceDefaults.Errors;
using Oversight.Testing;

namespace Oversight.Access.Tests;

/// <summary>
/// A submission by address makes the server fetch: a key limited to a scope (大同市, 1402) must not be able to make it
/// fetch pages and attachments of bodies it may not submit for and only then be refused. The fetcher is the real one,
/// against a simulated portal on 127.0.0.1 (Kestrel) that records every request it gets: a stated code outside the
/// scope, or a malformed one, costs no request at all; no code costs the page alone when the page names a body outside
/// the scope (or none) while linking attachments; an in-scope caller still has the page and its attachment fetched and
/// stored.
/// </summary>
public sealed class AddressScopeTests : IAsyncLifetime
{
    private readonly AccessStack _stack = new(new Dictionary<string, string?>
    {
        ["Access:FailureLimit"] = "100000",
        ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8",
        ["Outbound:Timeout"] = "00:00:10",
    });

    private PortalSimulator.PortalSimulator _simulator = null!;
    private string _datong = "";

    private SimulatedHost Portal => _simulator.Hosts[0];

    public async Task InitializeAsync()
    {
        _simulator = await PortalSimulator.PortalSimulator.StartAsync(1);
        await _stack.InitializeAsync();
        _datong = await _stack.CreateKeyAsync(Roles.CityOffice, "1402", "大同市司法局");
        Portal.Put("/pulan/notice.html", Notice("普兰县2025年法治政府建设年度报告", "report.docx"))
            .Put("/pulan/report.docx", Docx(SampleReports.Pulan))
            .Put("/hunyuan/notice.html", Notice("浑源县2025年法治政府建设年度报告", "report.docx"))
            .Put("/hunyuan/report.docx", Docx(SampleReports.Hunyuan))
            .Put("/unknown/notice.html", Notice("2025年法治政府建设年度报告", "report.docx"))
            .Put("/unknown/report.docx", Docx(SampleReports.Pulan));
    }

    public async Task DisposeAsync()
    {
        await _stack.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    // A portal's notice: the title and one line linking the report (not the report itself).
    private static SimulatedResource Notice(string title, string attachment) =>
        SimulatedResource.Html(Encoding.UTF8.GetBytes(PortalNotices.Linking(title, attachment, ".docx")));

    private static SimulatedResource Docx(string seed) => new()
    {
        Body = DocxWriter.Write(SampleReports.Text(seed)), ContentType = "application/octet-stream",
    };

    private IReadOnlyList<string> Fetched() => [.. Portal.Requests.Select(r => r.PathAndQuery)];

    private async Task<int> StoredUnderAsync(string prefix) => (await _stack.Ingestion(_stack.AdminKey)
        .ListReportsAsync(new ListReportsRequest { Filter = new ReportFilter { JurisdictionPrefix = prefix } })).Reports.Count;

    [Theory]
    [InlineData("542521", StatusCode.PermissionDenied, "SCOPE_NOT_COVERED")]
    [InlineData("14O2xx", StatusCode.InvalidArgument, "JURISDICTION_CODE_MALFORMED")]
    public async Task SubmitReport_ScopedCallerStatesCodeItMayNotSubmitFor_RefusedWithNothingFetched(string code, StatusCode status, string reason)
    {
        var request = new SubmitReportRequest { Url = Portal["/pulan/notice.html"].AbsoluteUri, JurisdictionCode = code };

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await _stack.Ingestion(_datong).SubmitReportAsync(request));
        using var call = _stack.Ingestion(_datong).IngestReports();
        await call.RequestStream.WriteAsync(request);
        await call.RequestStream.CompleteAsync();
        var streamed = Assert.Single(await call.ResponseStream.ReadAllAsync().ToListAsync()).Rejected;
        var batched = Assert.Single((await _stack.Ingestion(_datong).SubmitReportsAsync(new SubmitReportsRequest { Reports = { request } })).Results)
            .Rejected;

        Assert.Equal((status, reason), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Equal(((int)status, reason), (streamed.StatusCode, streamed.Reason));
        Assert.Equal(((int)status, reason), (batched.StatusCode, batched.Reason));
        Assert.Empty(Fetched());
        Assert.Equal(0, await StoredUnderAsync("5425"));
    }

    [Theory]
    [InlineData("/pulan/notice.html", "542521")]
    [InlineData("/unknown/notice.html", "jurisdiction_code")]
    public async Task SubmitReport_ScopedCallerStatesNoCodePageOutsideOrUnknown_OnlyThePageFetched(string page, string named)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await _stack.Ingestion(_datong).SubmitReportAsync(new SubmitReportRequest { Url = Portal[page].AbsoluteUri }));

        Assert.Equal((StatusCode.PermissionDenied, "SCOPE_NOT_COVERED"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Contains(named, ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal([page], Fetched());
        Assert.Equal(0, await StoredUnderAsync(""));
    }

    [Theory]
    [InlineData("")]
    [InlineData("140225")]
    public async Task SubmitReport_ScopedCallerCoveringThePage_PageAndAttachmentFetchedAndStored(string code)
    {
        var response = await _stack.Ingestion(_datong).SubmitReportAsync(
            new SubmitReportRequest { Url = Portal["/hunyuan/notice.html"].AbsoluteUri, JurisdictionCode = code });
        var report = await _stack.Ingestion(_datong).GetReportAsync(new GetReportRequest { ReportId = response.ReportId, View = ReportView.Full });

        Assert.Equal(("created", "140225"), (response.Outcome, response.Metadata.JurisdictionCode));
        Assert.Equal(["/hunyuan/notice.html", "/hunyuan/report.docx"], Fetched());
        Assert.Equal(["原页面", "浑源县2025年法治政府建设年度报告.docx"], report.Attachments.Select(a => a.LinkText));
        Assert.Contains("第一责任人职责情况", report.OriginalText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitReport_WholeCountryCallerPageOfAnyBody_PageAndAttachmentFetchedAndStored()
    {
        var response = await _stack.Ingestion(_stack.AdminKey).SubmitReportAsync(
            new SubmitReportRequest { Url = Portal["/pulan/notice.html"].AbsoluteUri });

        Assert.Equal(("created", "542521"), (response.Outcome, response.Metadata.JurisdictionCode));
        Assert.Equal(["/pulan/notice.html", "/pulan/report.docx"], Fetched());
    }
}
