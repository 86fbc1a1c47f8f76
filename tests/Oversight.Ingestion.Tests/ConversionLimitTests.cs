using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Documents;
using Oversight.PortalSimulator;
using Oversight.ServiceDefaults.Clients;
using Oversight.ServiceDefaults.Errors;
using Oversight.Testing;

namespace Oversight.Ingestion.Tests;

/// <summary>
/// The server bounds its own work on one submission, whatever deadline the caller set (these clients set none): reading a
/// submission's attachments stops at Ingestion:ConversionTimeout (a tiny one here) with DEADLINE_EXCEEDED
/// "CONVERSION_TIMEOUT", the converter is stopped, and nothing of the submission is stored. The converter here blocks
/// until it is stopped, so only the limit can end the read.
/// </summary>
public sealed class ConversionLimitTests : IAsyncLifetime
{
    private static readonly string Notice = PortalNotices.Pulan("/files/scan.pdf", "(扫描件).pdf");

    // Calls carry a deadline far past the limit only so that a server that did not bound its work fails the test instead of hanging it.
    private static CallOptions Bounded => CallDeadline.In(TimeSpan.FromSeconds(30));

    private readonly BlockingReader _reader = new();
    private PortalSimulator.PortalSimulator _simulator = null!;
    private IngestionHost _host = null!;

    private SimulatedHost Portal => _simulator.Hosts[0];

    public async Task InitializeAsync()
    {
        _simulator = await PortalSimulator.PortalSimulator.StartAsync(1);
        _host = await IngestionHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Ingestion:ConversionTimeout"] = "00:00:00.200",
            ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8",
            ["Outbound:Timeout"] = "00:00:10",
        }, services: s =>
        {
            s.RemoveAll<IAttachmentReader>();
            s.AddSingleton<IAttachmentReader>(_reader);
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    private static SubmitReportRequest NoticeWithScan() => new()
    {
        Content = ByteString.CopyFrom(Encoding.UTF8.GetBytes(Notice)),
        ContentType = "text/html; charset=utf-8",
        JurisdictionCode = "542521",
        ClientReference = "scan",
        Attachments =
        {
            new Attachment
            {
                Url = "https://www.pulan.gov.cn/files/scan.pdf", LinkText = "扫描件.pdf", ContentType = "application/pdf",
                Content = ByteString.CopyFrom("%PDF-1.4 a scan"u8.ToArray()),
            },
        },
    };

    private async Task<int> StoredAsync() => (await _host.Client.ListReportsAsync(new ListReportsRequest())).Reports.Count;

    private static void AssertConversionTimedOut(RpcException ex)
    {
        Assert.Equal((StatusCode.DeadlineExceeded, "CONVERSION_TIMEOUT"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Contains("0.2 秒", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("未保存任何内容", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitReport_AttachmentReadOutlastsConversionTimeout_DeadlineExceededConverterStoppedNothingStored()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await _host.Client.SubmitReportAsync(NoticeWithScan(), Bounded));

        AssertConversionTimedOut(ex);
        await _reader.Stopped.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, await StoredAsync());
    }

    [Fact]
    public async Task IngestReports_OneSubmissionOutlastsConversionTimeout_ItAloneRejectedTheOthersStored()
    {
        using var call = _host.Client.IngestReports(Bounded);

        await call.RequestStream.WriteAsync(NoticeWithScan());
        await call.RequestStream.WriteAsync(new SubmitReportRequest
        {
            Content = ByteString.CopyFrom(SampleReports.Bytes(SampleReports.Hunyuan)), ClientReference = "hunyuan",
        });
        await call.RequestStream.CompleteAsync();
        var results = await call.ResponseStream.ReadAllAsync().ToListAsync();

        Assert.Equal(["scan", "hunyuan"], results.Select(r => r.ClientReference));
        Assert.Equal(((int)StatusCode.DeadlineExceeded, "CONVERSION_TIMEOUT"), (results[0].Rejected.StatusCode, results[0].Rejected.Reason));
        Assert.Equal(("created", "140225"), (results[1].Accepted.Outcome, results[1].Accepted.Metadata.JurisdictionCode));
        Assert.Equal(1, await StoredAsync());
    }

    [Fact]
    public async Task SubmitReport_UrlWhoseScanOutlastsConversionTimeout_FetchedThenRefusedNothingStored()
    {
        Portal.Put("/zwgk/notice.html", SimulatedResource.Html(Encoding.UTF8.GetBytes(Notice)))
            .Put("/files/scan.pdf", new SimulatedResource { Body = "%PDF-1.4 a scan"u8.ToArray(), ContentType = "application/pdf" });

        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await _host.Client.SubmitReportAsync(new SubmitReportRequest { Url = Portal["/zwgk/notice.html"].AbsoluteUri }, Bounded));

        AssertConversionTimedOut(ex);
        Assert.Equal(["/zwgk/notice.html", "/files/scan.pdf"], Portal.Requests.Select(r => r.PathAndQuery));
        await _reader.Stopped.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, await StoredAsync());
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:01:00")]
    [InlineData("2.00:00:00")]
    public async Task Start_ConversionTimeoutOutOfRange_RefusedWithWhatToSet(string limit)
    {
        await using var folder = TempFolder.Create("oversight-ingestion-");

        var ex = await Assert.ThrowsAsync<StartupRefusedException>(async () =>
            await IngestionHost.StartAsync(folder.Path, new Dictionary<string, string?> { ["Ingestion:ConversionTimeout"] = limit }));

        Assert.Contains("Ingestion:ConversionTimeout", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>A converter that never finishes on its own: it returns only when its read is cancelled, and says so.</summary>
    private sealed class BlockingReader : IAttachmentReader
    {
        public TaskCompletionSource Stopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<AttachmentText> ReadAsync(ReadOnlyMemory<byte> content, string? contentType, CancellationToken cancellationToken)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                Stopped.TrySetResult();
            }
            throw new InvalidOperationException("unreachable: the delay ends only by cancellation");
        }
    }
}
