using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Google.Protobuf.WellKnownTypes;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Ingestion.Intake;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.Testing;

namespace Oversight.Ingestion.Tests;

/// <summary>Bad input gets a clear status and reason, and nothing is stored.</summary>
public sealed class FailurePathTests : IAsyncLifetime
{
    private IngestionHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await IngestionHost.StartAsync();
        await _host.Client.SubmitReportAsync(new SubmitReportRequest { Content = ByteString.CopyFrom(SampleReports.Bytes(SampleReports.Hunyuan)) });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, StatusCode, string, string> BadRequests => new()
    {
        { "empty", StatusCode.InvalidArgument, "CONTENT_EMPTY", "content" },
        { "too large", StatusCode.ResourceExhausted, "CONTENT_TOO_LARGE", "content" },
        { "undecodable", StatusCode.InvalidArgument, "CONTENT_UNDECODABLE", "content" },
        { "pdf", StatusCode.InvalidArgument, "CONTENT_TYPE_UNSUPPORTED", "contentType" },
        { "bad code", StatusCode.InvalidArgument, "JURISDICTION_CODE_MALFORMED", "jurisdictionCode" },
        { "bad url", StatusCode.InvalidArgument, "SOURCE_URL_MALFORMED", "sourceUrl" },
        { "bad year", StatusCode.InvalidArgument, "REPORT_YEAR_OUT_OF_RANGE", "reportYear" },
        { "bad time", StatusCode.InvalidArgument, "PUBLISHED_AT_OUT_OF_RANGE", "publishedAt" },
        { "not a report", StatusCode.FailedPrecondition, "NOT_AN_ANNUAL_REPORT", "content" },
        { "unknown place", StatusCode.FailedPrecondition, "JURISDICTION_UNRESOLVED", "jurisdictionCode" },
        { "ambiguous place", StatusCode.FailedPrecondition, "JURISDICTION_AMBIGUOUS", "jurisdictionCode" },
        { "no year", StatusCode.FailedPrecondition, "REPORT_YEAR_UNKNOWN", "reportYear" },
    };

    private static SubmitReportRequest Build(string name)
    {
        var seed = SampleReports.Bytes(SampleReports.Pulan);
        var random = new byte[5000];
        new Random(3).NextBytes(random);
        return name switch
        {
            "empty" => new SubmitReportRequest(),
            "too large" => new SubmitReportRequest { Content = ByteString.CopyFrom(new byte[300_000]) },
            "undecodable" => new SubmitReportRequest { Content = ByteString.CopyFrom(random) },
            "pdf" => new SubmitReportRequest { Content = ByteString.CopyFrom(seed), ContentType = "application/pdf" },
            "bad code" => new SubmitReportRequest { Content = ByteString.CopyFrom(seed), JurisdictionCode = "14022" },
            "bad url" => new SubmitReportRequest { Content = ByteString.CopyFrom(seed), SourceUrl = "ftp://x" },
            "bad year" => new SubmitReportRequest { Content = ByteString.CopyFrom(seed), ReportYear = 1949 },
            "bad time" => new SubmitReportRequest { Content = ByteString.CopyFrom(seed), PublishedAt = new Timestamp { Seconds = 10 } },
            "not a report" => new SubmitReportRequest { Content = ByteString.CopyFromUtf8("招聘公告\n我局招聘工作人员3名,报名时间为3月1日至3月10日。") },
            "unknown place" => new SubmitReportRequest { Content = ByteString.CopyFromUtf8("某某县2025年法治政府建设年度报告\n一、主要举措和成效\n正文。\n二、存在的问题和不足\n正文。") },
            "ambiguous place" => new SubmitReportRequest { Content = ByteString.CopyFromUtf8("城区2025年法治政府建设年度报告\n一、主要举措和成效\n正文。\n二、存在的问题和不足\n正文。") },
            "no year" => new SubmitReportRequest { Content = ByteString.CopyFromUtf8("浑源县法治政府建设年度报告\n一、主要举措和成效\n正文。\n二、存在的问题和不足\n正文。") },
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task SubmitReport_BadInput_StatusReasonChineseMessageAndNothingStored(string name, StatusCode code, string reason, string field)
    {
        var before = await CountAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await _host.Client.SubmitReportAsync(Build(name)));
        using var stream = _host.Client.IngestReports();
        await stream.RequestStream.WriteAsync(Build(name));
        await stream.RequestStream.CompleteAsync();
        Assert.True(await stream.ResponseStream.MoveNext(CancellationToken.None));
        var item = stream.ResponseStream.Current.Rejected;

        Assert.Equal(code, ex.StatusCode);
        Assert.EndsWith($"({reason})", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", ex.Status.Detail);
        Assert.Equal(reason, ex.Trailers.GetValue(ServiceError.ReasonTrailer));
        Assert.Equal(reason, item.Reason);
        Assert.Equal((int)code, item.StatusCode);
        Assert.Equal(field, item.Field);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task SubmitReport_NotAReportButForcedWithCodeAndYear_Stored()
    {
        var request = Build("not a report");
        request.Force = true;
        request.JurisdictionCode = "141034";
        request.ReportYear = 2025;

        var response = await _host.Client.SubmitReportAsync(request);

        Assert.Equal("created", response.Outcome);
        Assert.True((await _host.Client.GetReportAsync(new GetReportRequest { ReportId = response.ReportId })).Forced);
    }

    public static TheoryData<string, byte[]> MalformedMessages => new()
    {
        { "truncated", [0x0a, 0x40, 0x41] },
        { "invalid UTF-8 in a string", [0x0a, 0x02, 0xff, 0xfe] },
        { "wrong wire type", [0x0d, 0x01] },
        { "nested past the limit", Nested(200) },
    };

    // Unknown groups (field 9) inside each other, depth times: the parser recurses into them, past its limit of 100.
    private static byte[] Nested(int depth) => [.. Enumerable.Repeat((byte)0x4b, depth), .. Enumerable.Repeat((byte)0x4c, depth)];

    // What an independent client can send: bytes that are not a GetReportRequest at all.
    [Theory]
    [MemberData(nameof(MalformedMessages))]
    public async Task GetReport_MalformedMessage_InvalidArgumentRequestMalformed(string what, byte[] bytes)
    {
        var method = new Method<byte[], byte[]>(MethodType.Unary, "oversight.ingestion.v1.IngestionService", "GetReport", Marshallers.Create(b => b, b => b),
            Marshallers.Create(b => b, b => b));

        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await _host.Channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10)), bytes));

        Assert.Equal((StatusCode.InvalidArgument, "REQUEST_MALFORMED"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", ex.Status.Detail);
        Assert.NotEmpty(what);
    }

    [Fact]
    public async Task IngestReports_ClientStopsSending_EndedAsIdleAndWhatWasAcknowledgedStored()
    {
        await using var host = await IngestionHost.StartAsync(settings: new Dictionary<string, string?> { ["Ingestion:StreamIdleTimeout"] = "00:00:01" });
        using var call = host.Client.IngestReports(deadline: DateTime.UtcNow.AddSeconds(30));
        await call.RequestStream.WriteAsync(new SubmitReportRequest { Content = ByteString.CopyFrom(SampleReports.Bytes(SampleReports.Fenxi)) });

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var acknowledged = call.ResponseStream.Current.Accepted;
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal((StatusCode.DeadlineExceeded, "STREAM_IDLE"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Equal(acknowledged.ReportId, (await host.Client.GetReportAsync(new GetReportRequest { ReportId = acknowledged.ReportId })).ReportId);
    }

    [Fact]
    public async Task IngestReports_HostStopsWhileTheClientWaits_EndedAsStoppingPromptly()
    {
        await using var host = await IngestionHost.StartAsync();
        using var call = host.Client.IngestReports(deadline: DateTime.UtcNow.AddSeconds(30));
        await call.RequestStream.WriteAsync(new SubmitReportRequest { Content = ByteString.CopyFrom(SampleReports.Bytes(SampleReports.Fenxi)) });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        var started = System.Diagnostics.Stopwatch.StartNew();
        var stopping = host.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>() is var lifetime
            ? Task.Run(() => lifetime.StopApplication()) : Task.CompletedTask;
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        await stopping;

        Assert.Equal((StatusCode.Unavailable, "SERVICE_STOPPING"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        // Within the grace period (10 s), not at its end: nothing waited for the idle client.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(8), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task SubmitReport_MessageOverTheHostsLimit_ResourceExhaustedAndNothingStored()
    {
        await using var host = await IngestionHost.StartAsync(settings: new Dictionary<string, string?> { ["Ingestion:MaxReceiveMessageSize"] = "1048576" });

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.SubmitReportAsync(
            new SubmitReportRequest { Content = ByteString.CopyFrom(new byte[2 * 1024 * 1024]) }, deadline: DateTime.UtcNow.AddSeconds(10)));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Empty((await host.Client.ListReportsAsync(new ListReportsRequest())).Reports);
    }

    [Fact]
    public async Task GetReport_IdOfFiveMegabytes_InvalidArgumentFieldTooLong()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await _host.Client.GetReportAsync(new GetReportRequest { ReportId = new string('A', 5 * 1024 * 1024) }, deadline: DateTime.UtcNow.AddSeconds(10)));

        Assert.Equal((StatusCode.InvalidArgument, "FIELD_TOO_LONG"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
    }

    [Fact]
    public async Task SubmitReport_SignalsDisagree_AmbiguousNamesEachCandidateAndItsSignals()
    {
        var request = new SubmitReportRequest { Content = ByteString.CopyFromUtf8("来源:平遥县人民政府\n浑源县2024年法治政府建设年度报告\n一、主要举措和成效\n正文。\n二、存在的问题和不足\n正文。") };

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await _host.Client.SubmitReportAsync(request));

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains("140225(依据 title)", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("140728(依据 header:来源)", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitReport_SuppliedCodeThePageContradicts_StoredWithBothCodes()
    {
        var request = Build("ambiguous place");
        request.Content = ByteString.CopyFromUtf8("浑源县2025年法治政府建设年度报告\n一、主要举措和成效\n正文。\n二、存在的问题和不足\n正文。");
        request.JurisdictionCode = "140728";

        var response = await _host.Client.SubmitReportAsync(request);

        Assert.Equal("140728", response.Metadata.JurisdictionCode);
        Assert.Equal("140225", response.Metadata.StatedJurisdictionCode);
        Assert.Contains(response.Metadata.JurisdictionSignals, s => s.Source == "title" && s.Codes.Contains("140225"));
    }

    [Fact]
    public async Task SubmitReport_UnknownPlaceWithSuppliedCode_Stored()
    {
        var request = Build("unknown place");
        request.JurisdictionCode = "140225";

        var response = await _host.Client.SubmitReportAsync(request);

        Assert.Equal("supplied", response.Metadata.JurisdictionResolution);
        Assert.Equal("140225", response.Metadata.JurisdictionCode);
    }

    [Fact]
    public async Task GetReport_MissingUnknownOrBadRevision_ClearStatus()
    {
        var stored = (await _host.Client.ListReportsAsync(new ListReportsRequest())).Reports[0];

        var missing = await Assert.ThrowsAsync<RpcException>(async () => await _host.Client.GetReportAsync(new GetReportRequest()));
        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await _host.Client.GetReportAsync(new GetReportRequest { ReportId = "nope" }));
        var revision = await Assert.ThrowsAsync<RpcException>(async () =>
            await _host.Client.GetReportAsync(new GetReportRequest { ReportId = stored.ReportId, Revision = 9 }));
        var negative = await Assert.ThrowsAsync<RpcException>(async () =>
            await _host.Client.GetReportAsync(new GetReportRequest { ReportId = stored.ReportId, Revision = -1 }));
        var revisions = await Assert.ThrowsAsync<RpcException>(async () =>
            await _host.Client.ListRevisionsAsync(new ListRevisionsRequest { ReportId = "nope" }));

        Assert.Equal((StatusCode.InvalidArgument, "REPORT_ID_MISSING"), (missing.StatusCode, missing.Trailers.GetValue(ServiceError.ReasonTrailer)));
        Assert.Equal((StatusCode.NotFound, "REPORT_NOT_FOUND"), (unknown.StatusCode, unknown.Trailers.GetValue(ServiceError.ReasonTrailer)));
        Assert.Equal((StatusCode.NotFound, "REVISION_NOT_FOUND"), (revision.StatusCode, revision.Trailers.GetValue(ServiceError.ReasonTrailer)));
        Assert.Equal((StatusCode.InvalidArgument, "REVISION_INVALID"), (negative.StatusCode, negative.Trailers.GetValue(ServiceError.ReasonTrailer)));
        Assert.Equal(StatusCode.NotFound, revisions.StatusCode);
    }

    private async Task<int> CountAsync()
    {
        var response = await _host.Client.ListReportsAsync(new ListReportsRequest { PageSize = 500, Filter = new ReportFilter { IncludeSuperseded = true } });
        return response.Reports.Count;
    }
}
