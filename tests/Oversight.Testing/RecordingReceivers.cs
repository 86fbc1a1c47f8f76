using System.Collections.Concurrent;
using Grpc.Core;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Metrics.V1;

namespace Oversight.Testing;

/// <summary>What the outbox delivered, as the receiving services saw it.</summary>
public sealed class DeliveryLog
{
    public ConcurrentQueue<(string Target, string ReportId, int Revision)> Calls { get; } = new();

    /// <summary>The trace each call arrived in (from its traceparent), by target and report.</summary>
    public ConcurrentQueue<(string Target, string ReportId, string? TraceId)> Traces { get; } = new();

    public IReadOnlyList<(string ReportId, int Revision)> For(string target) =>
        Calls.Where(c => c.Target == target).Select(c => (c.ReportId, c.Revision)).ToList();
}

/// <summary>Test double of the metrics service: records AnalyzeReport; the other methods answer UNIMPLEMENTED.</summary>
public sealed class RecordingMetrics(DeliveryLog log) : MetricsService.MetricsServiceBase
{
    public override Task<AnalyzeReportResponse> AnalyzeReport(AnalyzeReportRequest request, ServerCallContext context)
    {
        log.Calls.Enqueue(("metrics", request.ReportId, request.Revision));
        log.Traces.Enqueue(("metrics", request.ReportId, System.Diagnostics.Activity.Current?.TraceId.ToHexString()));
        return Task.FromResult(new AnalyzeReportResponse { ReportId = request.ReportId, Revision = request.Revision, Outcome = "analyzed" });
    }
}

/// <summary>Test double of the compliance service: records CheckReport; the other methods answer UNIMPLEMENTED.</summary>
public sealed class RecordingCompliance(DeliveryLog log) : ComplianceService.ComplianceServiceBase
{
    public override Task<CheckReportResponse> CheckReport(CheckReportRequest request, ServerCallContext context)
    {
        log.Calls.Enqueue(("compliance", request.ReportId, request.Revision));
        log.Traces.Enqueue(("compliance", request.ReportId, System.Diagnostics.Activity.Current?.TraceId.ToHexString()));
        return Task.FromResult(new CheckReportResponse { ReportId = request.ReportId, Revision = request.Revision, Outcome = "checked" });
    }
}
