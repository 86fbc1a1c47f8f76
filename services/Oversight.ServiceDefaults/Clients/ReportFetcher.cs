using Grpc.Core;
using Grpc.Net.ClientFactory;
using Oversight.Contracts.Ingestion.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;
using Polly;

namespace Oversight.ServiceDefaults.Clients;

/// <summary>
/// How metrics and compliance get a report: from the ingestion service over gRPC, never from its database.
/// Ingestion's NOT_FOUND and UNAVAILABLE come back as the caller's own refusals with stable reasons.
/// </summary>
public sealed class ReportFetcher(GrpcClientFactory clients, ReportFetcherSettings settings, TimeProvider time)
{
    private readonly ResiliencePipeline _retry = ReadRetry.Build(time);
    private IngestionService.IngestionServiceClient? _client;

    /// <summary>Ingestion's typed client; FAILED_PRECONDITION while its address is not configured.</summary>
    public IngestionService.IngestionServiceClient Client =>
        _client ??= string.IsNullOrWhiteSpace(settings.Address())
            ? throw NotConfigured() : clients.CreateClient<IngestionService.IngestionServiceClient>(nameof(IngestionService.IngestionServiceClient));

    /// <summary>The most reports <see cref="GetManyAsync"/> asks for in one call, as ingestion allows.</summary>
    public const int MaxPerCall = 500;

    /// <summary>The report with its metadata and original bytes (the SOURCE view: the callers read the bytes themselves).</summary>
    public async Task<Report> GetAsync(string reportId, int revision, CancellationToken cancellationToken)
    {
        var client = Client;
        var request = new GetReportRequest { ReportId = reportId, Revision = revision, View = ReportView.Source };
        return await MapAsync(() => _retry.ExecuteAsync(async token =>
            await client.GetReportAsync(request, CallDeadline.In(settings.Timeout, cancellationToken: token)), cancellationToken));
    }

    /// <summary>Up to <see cref="MaxPerCall"/> revisions in one call, in the order named, as <see cref="GetAsync"/> gives each.</summary>
    public async Task<IReadOnlyList<Report>> GetManyAsync(IReadOnlyList<(string ReportId, int Revision)> reports, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reports.Count, MaxPerCall);
        if (reports.Count == 0)
        {
            return [];
        }
        var client = Client;
        var request = new GetReportsRequest { View = ReportView.Source };
        request.Reports.AddRange(reports.Select(r => new ReportRevision { ReportId = r.ReportId, Revision = r.Revision }));
        return await MapAsync(() => _retry.ExecuteAsync(async token =>
        {
            // A retry starts the whole list again: nothing of a broken stream is kept.
            var found = new List<Report>(reports.Count);
            using var call = client.GetReports(request, CallDeadline.In(settings.Timeout, cancellationToken: token));
            await foreach (var report in call.ResponseStream.ReadAllAsync(token))
            {
                found.Add(report);
            }
            return (IReadOnlyList<Report>)found;
        }, cancellationToken));
    }

    /// <summary>Every revision of a report as ingestion lists it, newest first: metadata (with the fetch evidence), no text.</summary>
    public async Task<IReadOnlyList<ReportSummary>> ListRevisionsAsync(string reportId, CancellationToken cancellationToken)
    {
        var client = Client;
        var request = new ListRevisionsRequest { ReportId = reportId };
        return await MapAsync(() => _retry.ExecuteAsync(async token =>
            (IReadOnlyList<ReportSummary>)(await client.ListRevisionsAsync(request, CallDeadline.In(settings.Timeout, cancellationToken: token))).Revisions,
            cancellationToken));
    }

    private static async Task<T> MapAsync<T>(Func<ValueTask<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound)
        {
            throw new ServiceError(StatusCode.NotFound, ServiceError.ReasonOf(ex) ?? Reasons.ReportNotFound, $"摄取服务中没有该报告:{ex.Status.Detail}",
                Fields.Of<GetReportRequest>(GetReportRequest.ReportIdFieldNumber).JsonName).ToRpcException();
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            throw Unavailable();
        }
    }

    public static RpcException Unavailable() =>
        new ServiceError(StatusCode.Unavailable, Reasons.IngestionUnavailable, "摄取服务暂时不可用,无法取得报告:请稍后重试").ToRpcException();

    private RpcException NotConfigured() =>
        new ServiceError(StatusCode.FailedPrecondition, Reasons.IngestionNotConfigured, $"未配置摄取服务地址({settings.Setting}),无法取得报告").ToRpcException();
}

/// <summary>Where ingestion is (read on each use until known), the deadline of each fetch, and the setting that names the address.</summary>
public sealed record ReportFetcherSettings(Func<string?> Address, TimeSpan Timeout, string Setting);
