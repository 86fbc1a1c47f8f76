namespace Oversight.Analysis.Metadata;

/// <summary>Levels of the vocabulary, and how a GB/T 2260 code or a name tells them.</summary>
public static class JurisdictionLevels
{
    public const string Province = "province";
    public const string City = "city";
    public const string County = "county";
    public const string Township = "township";
    public const string Department = "department";

    /// <summary>True for 6 digits or 9 digits (a township), the GB/T 2260 forms.</summary>
    public static bool IsWellFormedCode(string code) =>
        code.Length is 6 or 9 && code.All(char.IsAsciiDigit) && code[..2] != "00";

    public static string? FromCode(string code)
    {
        if (!IsWellFormedCode(code))
        {
            return null;
        }
        if (code.Length == 9)
        {
            return Township;
        }
        return code[2..] == "0000" ? Province : code[4..] == "00" ? City : County;
    }

    public static string? FromName(string name) => name switch
    {
        _ when name.EndsWith('镇') || name.EndsWith('乡') || name.EndsWith("街道", StringComparison.Ordinal)
            || name.EndsWith("苏木", StringComparison.Ordinal) => Township,
        _ when name.EndsWith('县') || name.EndsWith('区') || name.EndsWith('旗') => County,
        _ when name.EndsWith('市') || name.EndsWith('州') || name.EndsWith('盟') || name.EndsWith("地区", StringComparison.Ordinal) => City,
        _ when name.EndsWith('省') || name.EndsWith("自治区", StringComparison.Ordinal) => Province,
        _ => null,
    };
}
