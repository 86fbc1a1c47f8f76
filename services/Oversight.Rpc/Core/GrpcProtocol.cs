using System.Globalization;
using System.Net;
using System.Text;

namespace Oversight.Rpc;

/// <summary>Header names, content types and encodings of gRPC over HTTP/2 (PROTOCOL-HTTP2.md).</summary>
public static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string TeHeader = "te";
    public const string UserAgent = "oversight-grpc-dotnet/1.0";

    /// <summary>
    /// True for "application/grpc", "application/grpc+proto" and either with parameters.
    /// "application/grpc-web", "application/grpc+json" and the like are not this transport.
    /// </summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var rest = contentType.AsSpan(ContentType.Length);
        if (rest.Length == 0 || rest[0] == ';')
        {
            return true;
        }
        if (rest.StartsWith("+proto", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest[6..];
            return rest.Length == 0 || rest[0] == ';';
        }
        return false;
    }

    /// <summary>Parses a grpc-timeout value ("1S", "250m", "100000u" …). At most 8 digits, as the spec says.</summary>
    public static bool TryParseTimeout(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (string.IsNullOrEmpty(value) || value.Length < 2 || value.Length > 9)
        {
            return false;
        }
        if (!long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }
        long ticks;
        switch (value[^1])
        {
            case 'H': ticks = amount * TimeSpan.TicksPerHour; break;
            case 'M': ticks = amount * TimeSpan.TicksPerMinute; break;
            case 'S': ticks = amount * TimeSpan.TicksPerSecond; break;
            case 'm': ticks = amount * TimeSpan.TicksPerMillisecond; break;
            case 'u': ticks = amount * 10; break;
            case 'n': ticks = amount / 100; break;
            default: return false;
        }
        timeout = TimeSpan.FromTicks(ticks);
        return true;
    }

    /// <summary>Formats a timeout in the smallest unit that fits the spec's 8 digits.</summary>
    public static string FormatTimeout(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return "1n";
        }
        var ticks = timeout.Ticks;
        var micros = ticks / 10;
        if (micros < 100_000_000) return Math.Max(1, micros).ToString(CultureInfo.InvariantCulture) + "u";
        var millis = ticks / TimeSpan.TicksPerMillisecond;
        if (millis < 100_000_000) return millis.ToString(CultureInfo.InvariantCulture) + "m";
        var seconds = ticks / TimeSpan.TicksPerSecond;
        if (seconds < 100_000_000) return seconds.ToString(CultureInfo.InvariantCulture) + "S";
        var minutes = ticks / TimeSpan.TicksPerMinute;
        if (minutes < 100_000_000) return minutes.ToString(CultureInfo.InvariantCulture) + "M";
        return Math.Min(99_999_999, ticks / TimeSpan.TicksPerHour).ToString(CultureInfo.InvariantCulture) + "H";
    }

    /// <summary>Percent-encodes a grpc-message: UTF-8 bytes outside 0x20–0x7E, and '%', become %XX.</summary>
    public static string EncodeMessage(string message)
    {
        var needs = false;
        foreach (var c in message)
        {
            if (c < 0x20 || c > 0x7E || c == '%')
            {
                needs = true;
                break;
            }
        }
        if (!needs)
        {
            return message;
        }
        var bytes = Encoding.UTF8.GetBytes(message);
        var sb = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b < 0x20 || b > 0x7E || b == (byte)'%')
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append((char)b);
            }
        }
        return sb.ToString();
    }

    /// <summary>Decodes a percent-encoded grpc-message; malformed escapes are kept as written.</summary>
    public static string DecodeMessage(string? value)
    {
        if (string.IsNullOrEmpty(value) || !value.Contains('%'))
        {
            return value ?? "";
        }
        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
            {
                bytes.Add(byte.Parse(value.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>The status a client reports when an HTTP response carries no grpc-status (spec: http-grpc-status-mapping).</summary>
    public static StatusCode FromHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => StatusCode.Internal,
        HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
        HttpStatusCode.NotFound => StatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    private static bool IsHex(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';
}
