using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Oversight.Rpc.Paging;

/// <summary>
/// Page tokens for every List RPC: the position after the last row of the page, bound to the filter they were made
/// for (its ToString, e.g. a record's), so a token reused with another filter is refused rather than silently skipping rows.
/// </summary>
public static class PageTokens
{
    public static string Write(long afterSeq, object filter) => WritePosition(afterSeq.ToString(CultureInfo.InvariantCulture), filter);

    /// <summary>The position a token stands for; 0 for no token. A bad token is INVALID_ARGUMENT PAGE_TOKEN_INVALID.</summary>
    public static long Read(string token, object filter)
    {
        if (token.Length == 0)
        {
            return 0;
        }
        return long.TryParse(ReadPosition(token, filter), NumberStyles.None, CultureInfo.InvariantCulture, out var after) ? after : throw Invalid();
    }

    /// <summary>A token for a position that is not a number (a code, say); it must not contain ':'.</summary>
    public static string WritePosition(string position, object filter) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"v1:{position}:{Fingerprint(filter)}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The position a token stands for; "" for no token.</summary>
    public static string ReadPosition(string token, object filter)
    {
        if (token.Length == 0)
        {
            return "";
        }
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - base64.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split(':');
            if (parts.Length == 3 && parts[0] == "v1" && parts[2] == Fingerprint(filter))
            {
                return parts[1];
            }
        }
        catch (FormatException)
        {
        }
        throw Invalid();
    }

    private static RpcException Invalid() =>
        new ServiceError(StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID",
            "page_token 无效,或与本次的筛选条件不一致:请使用上一页返回的 next_page_token,并保持筛选条件不变", "pageToken").ToRpcException();

    /// <summary>page_size checked the same way everywhere: 0 means the default, else 1..max.</summary>
    public static int PageSize(int requested, int defaultSize = 50, int max = 500) => requested switch
    {
        0 => defaultSize,
        _ when requested >= 1 && requested <= max => requested,
        _ => throw new ServiceError(StatusCode.InvalidArgument, "PAGE_SIZE_INVALID", $"page_size {requested} 无效:请填写 1 到 {max},或 0 使用默认值 {defaultSize}", "pageSize").ToRpcException(),
    };

    private static string Fingerprint(object filter) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(filter.ToString() ?? "")))[..12];
}
