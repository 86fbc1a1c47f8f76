using System.Globalization;

namespace Oversight.Cli.Commands;

/// <summary>How a section's kind was told and how sure that is, as the outline tables print it ("标题 1.0", "正文 0.4").</summary>
internal static class KindBasis
{
    public static string Of(string source, double confidence)
    {
        var how = source switch
        {
            "heading" => "标题",
            "position" => "位置",
            "content" => "正文",
            _ => "无",
        };
        return how + " " + confidence.ToString("0.0", CultureInfo.InvariantCulture);
    }
}
