using System.Collections.Concurrent;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Ingestion.Storage;

namespace Oversight.Ingestion.Grpc;

/// <summary>A summary as ListReports lists it, with the position its page token continues after.</summary>
public sealed record ListedSummary(long Seq, ReportSummary Summary);

/// <summary>
/// The summaries ListReports built, by revision and whether it was current: a stored revision never changes (migrations
/// run before the service serves), so a page read again reads only the position and current flag of each row, and
/// sends the message built before instead of making a dozen strings and five messages a row again (the call city systems
/// make most; most of its allocations). Shared messages are only ever read. Bounded: when full it starts again empty.
/// </summary>
public sealed class SummaryCache : IListedRows<ListedSummary>
{
    private const int Capacity = 8192;

    private readonly ConcurrentDictionary<long, ListedSummary> _summaries = new();
    private int _count;

    public ListedSummary? Known(long seq, bool current) => _summaries.GetValueOrDefault(Key(seq, current));

    public ListedSummary Make(RevisionRow row)
    {
        var listed = new ListedSummary(row.Seq, ReportRows.ToSummary(row));
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            _summaries.Clear();
            Interlocked.Exchange(ref _count, 1);
        }
        _summaries[Key(row.Seq, row.IsCurrent)] = listed;
        return listed;
    }

    private static long Key(long seq, bool current) => (seq << 1) | (current ? 1L : 0L);
}
