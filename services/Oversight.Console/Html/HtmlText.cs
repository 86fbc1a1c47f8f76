using System.Globalization;
using System.Text.Encodings.Web;

namespace Oversight.WebConsole.Html;

/// <summary>Everything written into a page passes through here: text encoded, links built from encoded parts.</summary>
public static class HtmlText
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>Text (anything a report, a caller or a service wrote) as HTML.</summary>
    public static string E(string? text) => Encoder.Encode(text ?? "");

    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string N(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>A path with query parameters (empty ones left out), URL-encoded and then HTML-encoded for an attribute.</summary>
    public static string Url(string path, params (string Name, string? Value)[] query)
    {
        var parts = query.Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => $"{q.Name}={Uri.EscapeDataString(q.Value!)}").ToList();
        return E(parts.Count == 0 ? path : path + "?" + string.Join("&", parts));
    }

    /// <summary>A link whose text is a number, for "each number a link to the list behind it".</summary>
    public static string NumberLink(long value, string href) => $"<a class=\"num\" href=\"{href}\">{N(value)}</a>";

    public static string Time(Google.Protobuf.WellKnownTypes.Timestamp? at) =>
        at is null ? "" : at.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
