using Google.Protobuf;

namespace Oversight.ServiceDefaults.Paging;

/// <summary>One page of rows and the token that continues after it ("" on the last page).</summary>
public sealed record KeysetPage<T>(IReadOnlyList<T> Rows, string NextPageToken);

/// <summary>
/// The keyset paging every List RPC does, written once: read the caller's token (sealed to the request and the
/// caller), fetch one row more than the page holds, and seal the position of the page's last row when there is more.
/// </summary>
public static class KeysetPager
{
    /// <summary>Pages keyed by a sequence number (0 = from the start).</summary>
    public static async Task<KeysetPage<T>> PageAsync<T>(
        this PageTokens tokens, IMessage request, string pageToken, int requestedSize, string caller,
        Func<long, int, Task<IReadOnlyList<T>>> fetch, Func<T, long> positionOf)
    {
        var size = PageTokens.PageSize(request.Descriptor, requestedSize);
        var rows = await fetch(tokens.Read(pageToken, request, caller), size + 1);
        return rows.Count > size
            ? new KeysetPage<T>([.. rows.Take(size)], tokens.Write(positionOf(rows[size - 1]), request, caller))
            : new KeysetPage<T>(rows, "");
    }

    /// <summary>Pages keyed by text (a code; "" = from the start).</summary>
    public static async Task<KeysetPage<T>> PageAsync<T>(
        this PageTokens tokens, IMessage request, string pageToken, int requestedSize, string caller,
        Func<string, int, Task<IReadOnlyList<T>>> fetch, Func<T, string> positionOf)
    {
        var size = PageTokens.PageSize(request.Descriptor, requestedSize);
        var rows = await fetch(tokens.ReadPosition(pageToken, request, caller), size + 1);
        return rows.Count > size
            ? new KeysetPage<T>([.. rows.Take(size)], tokens.WritePosition(positionOf(rows[size - 1]), request, caller))
            : new KeysetPage<T>(rows, "");
    }
}
