using Grpc.Core;
using Oversight.Access;
using Oversight.Compliance.Access;
using Oversight.Contracts.Compliance.V1;

namespace Oversight.Compliance.Sweeps;

/// <summary>
/// RunSweep: a sweep the caller asked for, audited before it starts, its progress and its result sent as it runs.
/// A sweep changes findings, so a scope wider than the caller's is refused rather than narrowed; none means the caller's own.
/// </summary>
public sealed class SweepStart(SweepRunner runner, AuditLog audit, TimeProvider time)
{
    public async Task RunAsync(RunSweepRequest request, Caller caller, IServerStreamWriter<SweepEvent> events, CancellationToken cancellationToken)
    {
        var sweep = RunSweepValidator.Validate(request, caller, time);
        await audit.RecordAsync(caller, AuditActions.SweepRun, sweep.SweepId!, sweep.ScopePrefix,
            $"report_year {sweep.ReportYear}, report_type {sweep.ReportType}, as_of {sweep.AsOf:yyyy-MM-dd}, trigger {sweep.Trigger}", cancellationToken);
        var done = await runner.RunAsync(sweep, progress => events.WriteAsync(new SweepEvent { Progress = progress }, cancellationToken), cancellationToken);
        await events.WriteAsync(new SweepEvent { Completed = SweepMessages.Of(done) }, cancellationToken);
    }
}
