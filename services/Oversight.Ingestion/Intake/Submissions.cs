using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Oversight.Access;
using Oversight.Analysis;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Ingestion.Attachments;
using Oversight.Ingestion.ByAddress;
using Oversight.Ingestion.Outbox;
using Oversight.Ingestion.Storage;
using Oversight.ServiceDefaults.Errors;

namespace Oversight.Ingestion.Intake;

/// <summary>
/// Takes submissions in: validates and reads each, refuses what lies outside the caller's scope before anything is
/// stored, stores the rest with one outbox row per target and wakes the dispatcher. One at a time, or a stream.
/// </summary>
public sealed class Submissions(
    ReportStore store, ReportReader reader, AddressedSubmissions addressed, AttachmentReports attachments, IOptions<IngestionOptions> options,
    OutboxSignal outboxSignal, TimeProvider time)
{
    private const int ReadAhead = 64;

    /// <summary>The stored outcome; a refused submission throws the status that says what to fix (nothing stored then).</summary>
    public async Task<SubmitReportResponse> SubmitAsync(SubmitReportRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(request, caller, cancellationToken);
        if (prepared.Error is not null)
        {
            throw prepared.Error.ToRpcException();
        }
        var stored = await store.StoreAsync(prepared.Revision!, OutboxTargets.All, time.GetUtcNow(), cancellationToken);
        if (stored.Outcome != StoreOutcome.Duplicate)
        {
            outboxSignal.Notify();
        }
        return Respond(prepared.Revision!, stored);
    }

    // One result per request, in order. Up to ReadAhead requests are read ahead and analysed in parallel, and
    // whatever is ready is stored in one transaction (group commit), while the previous batch's results are written.
    // Reading ahead stops at that bound, so a slow database slows the stream (HTTP/2 flow control reaches the
    // client) and memory stays flat however many come.
    // A result is written only after its transaction committed: what the client was told is stored, is.
    public async Task IngestAsync(IAsyncEnumerable<SubmitReportRequest> requests, Caller caller, Func<IngestResult, Task> write,
        CancellationToken cancellationToken)
    {
        var pending = Channel.CreateBounded<Task<Prepared>>(new BoundedChannelOptions(ReadAhead) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var request in requests.WithCancellation(cancellationToken))
                {
                    // A submission by address is fetched while later ones are read ahead (the fetcher keeps one connection a host).
                    var prepared = Task.Run(() => PrepareAsync(request, caller, cancellationToken), cancellationToken);
                    await pending.Writer.WriteAsync(prepared, cancellationToken);
                }
                pending.Writer.Complete();
            }
            catch (Exception ex)
            {
                pending.Writer.Complete(ex);
            }
        }, cancellationToken);

        await StoreBatchesAsync(pending.Reader, write, cancellationToken);
        await producer;
    }

    private async Task StoreBatchesAsync(ChannelReader<Task<Prepared>> pending, Func<IngestResult, Task> write, CancellationToken cancellationToken)
    {
        long sequence = 0;
        var batch = new List<Task<Prepared>>(ReadAhead);
        var writing = Task.CompletedTask;
        try
        {
            while (await pending.WaitToReadAsync(cancellationToken))
            {
                batch.Clear();
                while (batch.Count < ReadAhead && pending.TryRead(out var item))
                {
                    batch.Add(item);
                }
                var prepared = await Task.WhenAll(batch);
                var accepted = prepared.Where(p => p.Revision is not null).Select(p => p.Revision!).ToList();
                var outcomes = accepted.Count == 0 ? [] : await store.StoreBatchAsync(accepted, OutboxTargets.All, time.GetUtcNow(), cancellationToken);
                if (outcomes.Any(o => o.Outcome != StoreOutcome.Duplicate))
                {
                    outboxSignal.Notify();
                }
                // The previous batch's results went out while this one was stored; one write at a time on the stream.
                await writing;
                writing = WriteAsync(prepared, outcomes, sequence, write);
                sequence += prepared.Length;
            }
        }
        catch
        {
            // The call ends with the first failure; a write still in flight must not outlive it.
            await writing.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }
        await writing;
    }

    private static async Task WriteAsync(Prepared[] prepared, IReadOnlyList<StoreOutcome> outcomes, long sequence, Func<IngestResult, Task> write)
    {
        var stored = 0;
        foreach (var item in prepared)
        {
            var result = new IngestResult { Sequence = sequence++, ClientReference = item.Request.ClientReference };
            if (item.Error is { } error)
            {
                result.Rejected = error.ToItemError();
            }
            else
            {
                result.Accepted = Respond(item.Revision!, outcomes[stored++]);
            }
            await write(result);
        }
    }

    // A submission by address is fetched first (the page and the attachments it links), so a fetched page's attachments
    // are then read exactly like uploaded ones: read out of process (bounded by the attachment reader's own gate, and
    // together by Ingestion:ConversionTimeout), they settle where the report's text comes from. A call bound to be
    // refused for its scope is refused before the fetch (or, with no code stated, after the page only). The result keeps
    // the request as sent for the stream's reference.
    private async Task<Prepared> PrepareAsync(SubmitReportRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var (fetched, unfetched) = await addressed.ResolveAsync(request, caller, cancellationToken);
        if (unfetched is not null)
        {
            return new Prepared(request, null, unfetched);
        }
        // The caller's scope is checked there before any attachment is read (converting one is the expensive part).
        var (resolved, refused) = await attachments.ResolveAsync(fetched, caller, cancellationToken);
        return refused is null ? Prepare(resolved, caller) : new Prepared(request, null, refused);
    }

    /// <summary>Validates and reads a submission: CPU work only, so the stream can run several at once.</summary>
    private Prepared Prepare(SubmitReportRequest request, Caller caller)
    {
        if (ReportIntake.Validate(request, options.Value) is { } invalid)
        {
            return new Prepared(request, null, invalid);
        }
        var read = reader.Read(new ReportInput(
            request.Content.Memory,
            request.ContentType,
            request.Charset,
            request.JurisdictionCode.Length == 0 ? null : request.JurisdictionCode,
            request.ReportYear == 0 ? null : request.ReportYear));
        var (revision, error) = ReportIntake.Accept(request, read, caller.Label, time.GetUtcNow());
        if (revision is not null && !caller.Covers(revision.JurisdictionCode ?? ""))
        {
            // Refused before anything is stored: a city office reports only for its own jurisdictions.
            var what = revision.JurisdictionCode is { } code ? $"报告的辖区 {code}" : "辖区未能识别的报告(请填写 jurisdiction_code)";
            return new Prepared(request, null, AccessErrors.OutOfScopeError(caller, what, Fields.Of<SubmitReportRequest>(
                SubmitReportRequest.JurisdictionCodeFieldNumber).JsonName));
        }
        return new Prepared(request, revision, error);
    }

    private static SubmitReportResponse Respond(NewRevision revision, StoreOutcome stored)
    {
        var response = new SubmitReportResponse
        {
            ReportId = stored.ReportId,
            Revision = stored.Revision,
            Duplicate = stored.Outcome == StoreOutcome.Duplicate,
            Outcome = stored.Outcome,
            Metadata = ReportMetadata.Parser.ParseFrom(revision.Metadata),
        };
        response.SectionKinds.AddRange(revision.SectionKinds.Split(',', StringSplitOptions.RemoveEmptyEntries));
        return response;
    }

    private sealed record Prepared(SubmitReportRequest Request, NewRevision? Revision, ServiceError? Error);
}
