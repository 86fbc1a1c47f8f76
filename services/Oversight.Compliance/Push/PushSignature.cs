using System.Security.Cryptography;
using System.Text;

namespace Oversight.Compliance.Push;

/// <summary>
/// The signature of a delivery: "t=&lt;unix seconds&gt;,v1=&lt;hex&gt;", hex the lowercase HMAC-SHA256 keyed with the secret's
/// UTF-8 bytes over "&lt;t&gt;." and the body's bytes. The timestamp is signed with the body so a captured delivery cannot be
/// sent again later under a fresh time.
/// </summary>
public static class PushSignature
{
    public const string Header = "X-Oversight-Signature";

    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(unixSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
        return $"t={unixSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>钉钉's 加签: base64 HMAC-SHA256 of "&lt;milliseconds&gt;\n&lt;secret&gt;", keyed with the secret, as the URL's timestamp and sign.</summary>
    public static string DingTalkQuery(string secret, long unixMilliseconds)
    {
        var stamp = unixMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stamp + "\n" + secret));
        return $"timestamp={stamp}&sign={Uri.EscapeDataString(Convert.ToBase64String(mac))}";
    }
}
