namespace Oversight.Testing;

/// <summary>The five real reports under samples/reports, by their original file number.</summary>
public static class SampleReports
{
    public const string Hunyuan = "000";
    public const string Pulan = "001";
    public const string Yungang = "002";
    public const string Fenxi = "003";
    public const string YungangTown = "004";

    public static IReadOnlyList<string> All { get; } = [Hunyuan, Pulan, Yungang, Fenxi, YungangTown];

    public static string PathOf(string number) =>
        Directory.GetFiles(RepositoryPaths.Combine("samples", "reports"), $"*__{number}_*.txt").Single();

    public static byte[] Bytes(string number) => File.ReadAllBytes(PathOf(number));

    public static string Text(string number) => File.ReadAllText(PathOf(number));

    /// <summary>A government information disclosure annual report in the national template (samples/disclosure), 浑源县 2024.</summary>
    public static string DisclosurePath => RepositoryPaths.Combine("samples", "disclosure", "hunyuan-county-2024-disclosure.txt");

    public static string DisclosureText => File.ReadAllText(DisclosurePath);

    /// <summary>The same report as a portal's HTML page: its statistics tables as HTML tables.</summary>
    public static string DisclosureHtml()
    {
        var body = new System.Text.StringBuilder();
        var inTable = false;
        foreach (var line in DisclosureText.Split('\n'))
        {
            var isRow = line.Contains('\t', StringComparison.Ordinal);
            if (isRow != inTable)
            {
                body.Append(isRow ? "<table border=\"1\"><tbody>" : "</tbody></table>");
                inTable = isRow;
            }
            body.Append(isRow ? "<tr>" + string.Concat(line.Split('\t').Select(c => $"<td>{c}</td>")) + "</tr>" : $"<p>{line}</p>\n");
        }
        return $"<html><head><meta charset=\"utf-8\"><title>浑源县人民政府2024年政府信息公开工作年度报告</title></head><body><div class=\"article\">{body}</div></body></html>";
    }
}
