using Grpc.Core;

namespace Oversight.ServiceDefaults.Paging;

/// <summary>
/// The paging every server-streaming RPC that sends a whole filter does, written once (beside
/// <see cref="KeysetPager"/> for the List RPCs): read a page after the last row sent, write its rows, and stop at a
/// short page. The next page is read only once this one is written, so a slow reader slows the reads (HTTP/2 flow
/// control) instead of rows piling up in memory.
/// </summary>
public static class StreamPager
{
    public static async Task StreamAsync<TRow, TPosition, TMessage>(
        IAsyncStreamWriter<TMessage> writer, int pageSize, TPosition start,
        Func<TPosition, int, CancellationToken, ValueTask<IReadOnlyList<TRow>>> fetch, Func<TRow, TPosition> positionOf,
        Func<TRow, TMessage> map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var after = start;
        while (true)
        {
            var rows = await fetch(after, pageSize, cancellationToken);
            foreach (var row in rows)
            {
                await writer.WriteAsync(map(row), cancellationToken);
            }
            if (rows.Count < pageSize)
            {
                return;
            }
            after = positionOf(rows[^1]);
        }
    }
}
