using System.Globalization;

namespace Oversight.Storage;

/// <summary>
/// Instants as stored: UTC, fixed-width ISO 8601 text, so they compare and sort correctly as strings in both
/// dialects without dialect-specific date types.
/// </summary>
public static class SqlTime
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? instant) => instant is { } value ? Format(value) : null;

    /// <summary>
    /// Reads the stored form. The fixed width is read by position (a listing reads two a row; ParseExact cost a
    /// microsecond each); anything else goes to ParseExact, which refuses it as it always did.
    /// </summary>
    public static DateTimeOffset Parse(string text)
    {
        if (text.Length == 28 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' && text[16] == ':' && text[19] == '.' && text[27] == 'Z'
            && Digits(text, 0, 4, out var year) && Digits(text, 5, 2, out var month) && Digits(text, 8, 2, out var day)
            && Digits(text, 11, 2, out var hour) && Digits(text, 14, 2, out var minute) && Digits(text, 17, 2, out var second)
            && Digits(text, 20, 7, out var ticks)
            && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(Math.Max(1, year), month) && hour < 24 && minute < 60
                && second < 60 && year >= 1)
        {
            return new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks), TimeSpan.Zero);
        }
        return DateTimeOffset.ParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    private static bool Digits(string text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }
            value = value * 10 + digit;
        }
        return true;
    }

    public static DateTimeOffset? ParseOrNull(string? text) => text is null ? null : Parse(text);
}
