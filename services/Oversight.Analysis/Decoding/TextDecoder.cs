using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Oversight.Vocabulary;

namespace Oversight.Analysis.Decoding;

/// <summary>
/// Turns report bytes into text: a byte-order mark wins, then a declared charset (argument, content type,
/// or an HTML meta tag), then detection (strict UTF-8, else strict GB18030). Bytes that decode in none of
/// these, or that decode to control characters rather than text, are an error, never garbage.
/// </summary>
public static class TextDecoder
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16Le = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16Be = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Lazy<Encoding> StrictGb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    public static DecodeOutcome Decode(ReadOnlySpan<byte> bytes, string? contentType, string? charset)
    {
        if (bytes.IsEmpty)
        {
            return DecodeOutcome.Fail(new ReadError(Reasons.ContentEmpty, "内容为空:请提交报告的文本或 HTML 页面内容 (content is empty)"));
        }
        var declaredHtml = contentType is not null && contentType.Contains("html", StringComparison.OrdinalIgnoreCase);

        if (TryBom(bytes, out var bomEncoding, out var bomLength, out var bomName))
        {
            return Finish(bytes[bomLength..], bomEncoding, bomName, "bom", declaredHtml);
        }

        var declared = NonEmpty(charset) ?? CharsetFromContentType(contentType);
        var source = charset is { Length: > 0 } ? "declared" : "content-type";
        if (declared is null && (declaredHtml || LooksLikeHtml(bytes)))
        {
            declared = HtmlMetaCharset.Find(bytes);
            source = "html-meta";
        }
        if (declared is not null)
        {
            var encoding = Resolve(declared);
            if (encoding is null)
            {
                return DecodeOutcome.Fail(new ReadError(Reasons.CharsetUnsupported,
                    $"不支持的字符集 '{declared}':请使用 UTF-8 或 GB18030/GBK/GB2312 (unsupported charset)"));
            }
            var declaredOutcome = Finish(bytes, encoding.Value.Encoding, encoding.Value.Name, source, declaredHtml);
            if (declaredOutcome.Text is not null)
            {
                return declaredOutcome;
            }
            // A wrong label is common on portals (GBK pages labelled UTF-8 and the reverse): detect instead.
        }

        var utf8 = Finish(bytes, StrictUtf8, "utf-8", "detected", declaredHtml);
        if (utf8.Text is not null)
        {
            return utf8;
        }
        var gb = Finish(bytes, StrictGb18030.Value, "gb18030", "detected", declaredHtml);
        if (gb.Text is not null)
        {
            return gb;
        }
        return DecodeOutcome.Fail(new ReadError(Reasons.ContentUndecodable,
            "无法解码内容:既不是有效的 UTF-8,也不是 GB18030/GBK/GB2312 文本,请检查文件是否为报告正文或声明正确的字符集 (content is not UTF-8 or GB18030 text)"));
    }

    private static DecodeOutcome Finish(ReadOnlySpan<byte> bytes, Encoding encoding, string name, string source, bool declaredHtml)
    {
        string? text;
        if (ReferenceEquals(encoding, StrictUtf8))
        {
            text = StrictUtf8String(bytes);
        }
        else
        {
            try
            {
                text = encoding.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                text = null;
            }
        }
        if (text is null)
        {
            return DecodeOutcome.Fail(new ReadError(Reasons.ContentUndecodable, $"按 {name} 解码失败 (invalid {name} bytes)"));
        }
        if (!LooksLikeText(text))
        {
            return DecodeOutcome.Fail(new ReadError(Reasons.ContentUndecodable, "内容含有大量控制字符,不是文本 (binary content, not text)"));
        }
        var isHtml = declaredHtml || LooksLikeHtml(text);
        return DecodeOutcome.Ok(new DecodedText(text, name, source, isHtml));
    }

    // What the strict UTF-8 encoding's GetString gives, or null where it throws, in one pass: GetString first counts the
    // characters (a second pass over the bytes) and reports invalid bytes with an exception.
    private static string? StrictUtf8String(ReadOnlySpan<byte> bytes)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, bytes.Length));
        try
        {
            var status = Utf8.ToUtf16(bytes, buffer, out _, out var written, replaceInvalidSequences: false);
            return status == OperationStatus.Done ? new string(buffer, 0, written) : null;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    // Real text has almost no control characters besides line breaks and tabs; random bytes that happen to
    // decode (GB18030 accepts much) have many.
    private static bool LooksLikeText(string text)
    {
        var rest = text.AsSpan();
        var controls = rest.Count('\uFFFD');
        int at;
        while ((at = rest.IndexOfAny(Controls)) >= 0)
        {
            controls++;
            rest = rest[(at + 1)..];
        }
        return controls * 200 <= text.Length;
    }

    // The control characters LooksLikeText counts, besides U+FFFD: below U+0020 except line breaks, tab and form feed, and DEL.
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017"
        + "\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");

    private static bool TryBom(ReadOnlySpan<byte> bytes, out Encoding encoding, out int length, out string name)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            (encoding, length, name) = (StrictUtf8, 3, "utf-8");
            return true;
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            (encoding, length, name) = (StrictUtf16Le, 2, "utf-16le");
            return true;
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            (encoding, length, name) = (StrictUtf16Be, 2, "utf-16be");
            return true;
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x84, 0x31, 0x95, 0x33]))
        {
            (encoding, length, name) = (StrictGb18030.Value, 4, "gb18030");
            return true;
        }
        (encoding, length, name) = (StrictUtf8, 0, "");
        return false;
    }

    private static (Encoding Encoding, string Name)? Resolve(string charset) => charset.Trim().Trim('"', '\'').ToLowerInvariant() switch
    {
        "utf-8" or "utf8" or "unicode-1-1-utf-8" => (StrictUtf8, "utf-8"),
        "gb18030" or "gbk" or "gb2312" or "x-gbk" or "cp936" or "ms936" or "windows-936" or "euc-cn" or "gb_2312-80" or "chinese" or "csgb2312"
            or "iso-ir-58" => (StrictGb18030.Value, "gb18030"),
        "utf-16" or "utf-16le" => (StrictUtf16Le, "utf-16le"),
        "utf-16be" => (StrictUtf16Be, "utf-16be"),
        "us-ascii" or "ascii" => (StrictUtf8, "utf-8"),
        _ => null,
    };

    private static string? CharsetFromContentType(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }
        foreach (var part in contentType.Split(';'))
        {
            var trimmed = part.Trim();
            if (trimmed.StartsWith("charset=", StringComparison.OrdinalIgnoreCase))
            {
                return NonEmpty(trimmed["charset=".Length..].Trim('"', '\''));
            }
        }
        return null;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool LooksLikeHtml(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 1024)];
        return head.IndexOf("<html"u8) >= 0 || head.IndexOf("<HTML"u8) >= 0 || head.IndexOf("<!DOCTYPE"u8) >= 0 || head.IndexOf("<!doctype"u8) >= 0
            || head.IndexOf("<meta"u8) >= 0;
    }

    private static bool LooksLikeHtml(string text)
    {
        var head = text.AsSpan(0, Math.Min(text.Length, 1024));
        return head.Contains('<')
            && (head.Contains("<html", StringComparison.OrdinalIgnoreCase)
                || head.Contains("<!doctype", StringComparison.OrdinalIgnoreCase)
                || head.Contains("<body", StringComparison.OrdinalIgnoreCase));
    }
}

public readonly record struct DecodeOutcome(DecodedText? Text, ReadError? Error)
{
    public static DecodeOutcome Ok(DecodedText text) => new(text, null);

    public static DecodeOutcome Fail(ReadError error) => new(null, error);
}
