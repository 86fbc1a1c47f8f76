using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Oversight.Ingestion.Intake;
using Oversight.Ingestion.Storage;
using Oversight.Rpc;

namespace Oversight.Ingestion.Grpc;

/// <summary>
/// Page tokens: the position after the last row of the page, bound to the filter they were made for, so a
/// token reused with another filter is refused rather than silently skipping rows.
/// </summary>
internal static class PageTokens
{
    public static string Write(long afterSeq, RevisionFilter filter) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"v1:{afterSeq.ToString(CultureInfo.InvariantCulture)}:{Fingerprint(filter)}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static long Read(string token, RevisionFilter filter)
    {
        if (token.Length == 0)
        {
            return 0;
        }
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - base64.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split(':');
            if (parts.Length == 3 && parts[0] == "v1" && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var after) && parts[2] == Fingerprint(filter))
            {
                return after;
            }
        }
        catch (FormatException)
        {
        }
        throw new ServiceError(StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID",
            "page_token 无效,或与本次的筛选条件不一致:请使用上一页返回的 next_page_token,并保持筛选条件不变", "pageToken").ToRpcException();
    }

    private static string Fingerprint(RevisionFilter filter) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(filter.ToString())))[..12];
}
