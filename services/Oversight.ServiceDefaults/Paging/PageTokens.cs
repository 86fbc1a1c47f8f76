using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.ServiceDefaults.Paging;

/// <summary>
/// Page tokens for every List RPC: the position after the last row of a page, bound to the request it answered
/// (its fields as protobuf bytes, paging fields cleared) and to the caller, and sealed with an HMAC. A token
/// reused with another filter or by another caller, or edited, is refused rather than silently skipping rows.
/// </summary>
public sealed class PageTokens
{
    // Every List request's paging fields, by the names the contracts share (Google's AIP-158): the field numbers differ
    // between requests, so code written once for all of them finds each by name (Fields.Named throws for one a request lacks).
    private const string PageTokenField = "page_token";
    private const string PageSizeField = "page_size";
    private const byte Version = 2;
    private const int MacLength = 16;
    private readonly byte[] _key;

    public PageTokens(IOptions<PagingOptions> options)
    {
        var configured = options.Value.TokenKey;
        // Without a configured key, tokens hold for this process only: enough for one instance, and replicas share a key.
        _key = string.IsNullOrWhiteSpace(configured) ? RandomNumberGenerator.GetBytes(32) : SHA256.HashData(Encoding.UTF8.GetBytes(configured));
    }

    public string Write(long afterSeq, IMessage request, string caller) =>
        WritePosition(afterSeq.ToString(CultureInfo.InvariantCulture), request, caller);

    /// <summary>The position a token stands for; 0 for no token. A bad token is INVALID_ARGUMENT PAGE_TOKEN_INVALID.</summary>
    public long Read(string token, IMessage request, string caller)
    {
        if (token.Length == 0)
        {
            return 0;
        }
        return long.TryParse(ReadPosition(token, request, caller), NumberStyles.None, CultureInfo.InvariantCulture, out var after) ? after
            : throw Invalid(request.Descriptor);
    }

    /// <summary>A token for a position that is not a number (a code, say).</summary>
    public string WritePosition(string position, IMessage request, string caller)
    {
        var text = Encoding.UTF8.GetBytes(position);
        var token = new byte[1 + text.Length + MacLength];
        token[0] = Version;
        text.CopyTo(token, 1);
        Seal(token.AsSpan(0, 1 + text.Length), request, caller, token.AsSpan(1 + text.Length));
        return Convert.ToBase64String(token).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The position a token stands for; "" for no token.</summary>
    public string ReadPosition(string token, IMessage request, string caller)
    {
        if (token.Length == 0)
        {
            return "";
        }
        byte[] bytes;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            bytes = Convert.FromBase64String(base64 + new string('=', (4 - base64.Length % 4) % 4));
        }
        catch (FormatException)
        {
            throw Invalid(request.Descriptor);
        }
        if (bytes.Length <= MacLength || bytes[0] != Version)
        {
            throw Invalid(request.Descriptor);
        }
        var body = bytes.AsSpan(0, bytes.Length - MacLength);
        Span<byte> expected = stackalloc byte[MacLength];
        Seal(body, request, caller, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(bytes.Length - MacLength)))
        {
            throw Invalid(request.Descriptor);
        }
        return Encoding.UTF8.GetString(body[1..]);
    }

    /// <summary>page_size checked the same way everywhere: 0 means the default, else 1..max.</summary>
    public static int PageSize(MessageDescriptor request, int requested, int defaultSize = 50, int max = 500) => requested switch
    {
        0 => defaultSize,
        _ when requested >= 1 && requested <= max => requested,
        _ => throw Guard.Invalid(Reasons.PageSizeInvalid, Fields.Named(request, PageSizeField),
            $"{PageSizeField} {requested} 无效:请填写 1 到 {max},或 0 使用默认值 {defaultSize}"),
    };

    // HMAC over the token's body, the caller and the request without its paging fields (a new page size keeps the token good).
    private void Seal(ReadOnlySpan<byte> body, IMessage request, string caller, Span<byte> mac)
    {
        var binding = request.Descriptor.Parser.ParseFrom(request.ToByteString());
        foreach (var field in binding.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.Name is PageTokenField or PageSizeField)
            {
                field.Accessor.Clear(binding);
            }
        }
        var filter = binding.ToByteArray();
        var who = Encoding.UTF8.GetBytes(caller);
        var data = new byte[body.Length + 4 + who.Length + filter.Length];
        body.CopyTo(data);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(body.Length), who.Length);
        who.CopyTo(data, body.Length + 4);
        filter.CopyTo(data, body.Length + 4 + who.Length);
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(_key, data, full);
        full[..mac.Length].CopyTo(mac);
    }

    private static RpcException Invalid(MessageDescriptor request) => Guard.Invalid(Reasons.PageTokenInvalid, Fields.Named(request, PageTokenField),
        $"{PageTokenField} 无效,或与本次的筛选条件、调用方不一致:请使用上一页返回的 next_page_token,并保持筛选条件不变");
}

/// <summary>Bound from "Paging".</summary>
public sealed class PagingOptions
{
    public const string Section = "Paging";

    /// <summary>Secret that seals page tokens; set the same on every replica of a service. Empty: a random key per process.</summary>
    public string TokenKey { get; set; } = "";
}
