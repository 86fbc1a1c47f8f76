using System.Text;

namespace Oversight.Analysis.Decoding;

/// <summary>Finds charset=... in the first bytes of an HTML page (meta charset or http-equiv), as browsers prescan.</summary>
internal static class HtmlMetaCharset
{
    public static string? Find(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 4096)]);
        var index = 0;
        while ((index = head.IndexOf("charset", index, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            index += "charset".Length;
            var i = index;
            while (i < head.Length && head[i] is ' ' or '\t')
            {
                i++;
            }
            if (i >= head.Length || head[i] != '=')
            {
                continue;
            }
            i++;
            while (i < head.Length && head[i] is ' ' or '"' or '\'')
            {
                i++;
            }
            var start = i;
            while (i < head.Length && (char.IsAsciiLetterOrDigit(head[i]) || head[i] is '-' or '_' or '.' or ':'))
            {
                i++;
            }
            if (i > start)
            {
                return head[start..i];
            }
        }
        return null;
    }
}
