using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Oversight.Access;
using Oversight.Compliance.Access;
using Oversight.Compliance.Storage;
using Oversight.Contracts.Compliance.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.Storage;

namespace Oversight.Compliance.Registry;

/// <summary>
/// ImportRegistry: a CSV stream read within its limits (line length, line count), stored in batches, and audited
/// however it ends — completed, or partial / failed with what it stored and why when it was refused, cancelled or
/// failed midway. A dry run reads and reports, storing and auditing nothing.
/// </summary>
public sealed class RegistryImport(RegistryStore registry, AuditLog audit, IOptions<ComplianceOptions> options, TimeProvider time,
    ILogger<RegistryImport> logger)
{
    private const int BatchRows = 2_000;

    public async Task<ImportRegistryResponse> ImportAsync(IAsyncStreamReader<ImportRegistryRequest> requests, Caller caller, string address,
        CancellationToken cancellationToken)
    {
        var limits = options.Value.Registry;
        var csv = new RegistryCsv(caller.Scope, limits.MaxLineBytes, limits.MaxLines);
        var response = new ImportRegistryResponse();
        var (first, dryRun) = (true, false);
        var now = SqlTime.Format(time.GetUtcNow());
        var batch = new List<BodyRow>();
        try
        {
            while (await requests.MoveNext(cancellationToken))
            {
                (dryRun, first) = (first ? requests.Current.DryRun : dryRun, false);
                batch.AddRange(csv.Read(requests.Current.CsvChunk.Span, now));
                if (batch.Count >= BatchRows)
                {
                    await StoreAsync(batch, dryRun, response, cancellationToken);
                }
            }
            batch.AddRange(csv.Finish(now));
            await StoreAsync(batch, dryRun, response, cancellationToken);
        }
        catch (Exception ex) when (!dryRun)
        {
            // The batches stored before stay, so the change is audited with what it stored, whether or not the caller
            // is still there to hear (the call's own token may be the one cancelled).
            var reason = ex switch
            {
                RpcException rpc => ServiceError.ReasonOf(rpc) ?? rpc.StatusCode.ToString(),
                OperationCanceledException or IOException => "CANCELLED",
                _ => ex.GetType().Name,
            };
            var outcome = response.Inserted + response.Updated > 0 ? AuditOutcomes.Partial : AuditOutcomes.Failed;
            var detail = Detail(csv, response) + ", ended by " + reason;
            ComplianceLog.RegistryImportEnded(logger, caller.Label, address, outcome, reason, detail);
            await audit.RecordAsync(caller, AuditActions.RegistryImport, "registry", caller.Scope, detail, CancellationToken.None, outcome);
            throw;
        }
        response.RowsRead = csv.RowsRead;
        response.Errors.AddRange(csv.Errors.Select(e => new RowError { Line = e.Line, Reason = e.Reason, Message = e.Message }));
        if (!dryRun)
        {
            // Everything is stored by now: the entry is written even if the caller goes away this instant.
            await audit.RecordAsync(caller, AuditActions.RegistryImport, "registry", caller.Scope, Detail(csv, response), CancellationToken.None);
        }
        return response;
    }

    private async Task StoreAsync(List<BodyRow> rows, bool dryRun, ImportRegistryResponse response, CancellationToken cancellationToken)
    {
        if (rows.Count > 0 && !dryRun)
        {
            var (inserted, updated, unchanged) = await registry.UpsertAsync(rows, cancellationToken);
            response.Inserted += inserted;
            response.Updated += updated;
            response.Unchanged += unchanged;
        }
        rows.Clear();
    }

    private static string Detail(RegistryCsv csv, ImportRegistryResponse response) =>
        $"rows {csv.RowsRead}, inserted {response.Inserted}, updated {response.Updated}, unchanged {response.Unchanged}, errors {csv.ErrorCount}";
}
