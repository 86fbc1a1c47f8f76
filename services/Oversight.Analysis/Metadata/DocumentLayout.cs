using System.Text.RegularExpressions;
using Oversight.Analysis.Text;

namespace Oversight.Analysis.Metadata;

/// <summary>
/// Where things are on the page: header fields, the title (possibly several lines, as in a joint
/// Party–government report), addressees, where the report body starts and ends, and the signature block.
/// Line indexes refer to the normalized text's lines.
/// </summary>
public sealed partial record DocumentLayout(
    IReadOnlyList<HeaderField> HeaderFields,
    int TitleLine,
    string Title,
    IReadOnlyList<string> TitleIssuers,
    IReadOnlyList<string> Addressees,
    int BodyStartLine,
    int BodyEndLine,
    string? SignatureIssuer,
    ParsedDate? SignatureDate,
    int SignatureLine,
    IReadOnlySet<int> ChromeLines)
{
    private const int TopLines = 40;

    public static DocumentLayout Find(IReadOnlyList<Line> lines, PortalLayout portal, HeaderFieldReader headers, string? htmlTitle)
    {
        var fields = new List<HeaderField>();
        var headerLines = new HashSet<int>();
        var chrome = new HashSet<int>();
        var footer = lines.Count;
        for (var i = 0; i < lines.Count; i++)
        {
            var content = lines[i].Content;
            if (portal.FooterStarts.Any(f => content.Contains(f, StringComparison.Ordinal)) && i > 0)
            {
                footer = i;
                break;
            }
            if (IsChrome(content, portal))
            {
                chrome.Add(i);
                continue;
            }
            if (i < TopLines)
            {
                var found = headers.Read(content);
                if (found.Count > 0)
                {
                    fields.AddRange(found);
                    headerLines.Add(i);
                }
            }
        }
        for (var i = footer; i < lines.Count; i++)
        {
            chrome.Add(i);
        }

        var titleLine = FindTitleLine(lines, headerLines, chrome, Math.Min(footer, TopLines));
        var title = titleLine >= 0 ? lines[titleLine].Content.Trim() : "";
        var issuers = new List<string>();
        if (titleLine >= 0)
        {
            // Issuers stacked above "关于…的报告" belong to the title: 中共汾西县委 / 汾西县人民政府 / 关于….
            for (var i = titleLine - 1; i >= 0 && issuers.Count < 4; i--)
            {
                var content = lines[i].Content.Trim();
                if (content.Length == 0 || headerLines.Contains(i) || chrome.Contains(i) || !OrganizationLine().IsMatch(content))
                {
                    break;
                }
                issuers.Insert(0, content);
            }
            if (issuers.Count > 0)
            {
                title = string.Join(' ', issuers) + title;
            }
        }
        else
        {
            title = fields.FirstOrDefault(f => f.Name == "标题" && f.Value.Length > 0)?.Value ?? htmlTitle ?? "";
        }

        var bodyStart = Math.Max(titleLine + 1, 0);
        var titleText = titleLine >= 0 ? lines[titleLine].Content.Trim() : null;
        var addressees = new List<string>();
        while (bodyStart < footer)
        {
            var content = lines[bodyStart].Content.Trim();
            if (content.Length == 0 || headerLines.Contains(bodyStart) || chrome.Contains(bodyStart) || content == titleText || IsEmptyTableRow(content))
            {
                bodyStart++;
                continue;
            }
            if (addressees.Count == 0 && AddresseeLine().Match(content) is { Success: true } addressed)
            {
                addressees.AddRange(addressed.Groups["to"].Value.Split(['、', ',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                bodyStart++;
                continue;
            }
            break;
        }

        var (signatureLine, signatureIssuer, signatureDate) = FindSignature(lines, bodyStart, footer, chrome);
        var bodyEnd = signatureLine >= 0 ? signatureLine : footer;
        return new DocumentLayout(fields, titleLine, title, issuers, addressees, bodyStart, bodyEnd, signatureIssuer, signatureDate, signatureLine, chrome);
    }

    private static int FindTitleLine(IReadOnlyList<Line> lines, HashSet<int> headerLines, HashSet<int> chrome, int limit)
    {
        for (var i = 0; i < limit; i++)
        {
            var content = lines[i].Content.Trim();
            if (headerLines.Contains(i) || chrome.Contains(i) || content.Length is 0 or > 80)
            {
                continue;
            }
            if (content.EndsWith("报告", StringComparison.Ordinal) || (content.Contains("报告", StringComparison.Ordinal) && content.Contains("法治", StringComparison.Ordinal)))
            {
                return i;
            }
        }
        return -1;
    }

    // The signature block closes the report: an issuing body on its own short line, then a date line.
    private static (int Line, string? Issuer, ParsedDate? Date) FindSignature(IReadOnlyList<Line> lines, int bodyStart, int footer, HashSet<int> chrome)
    {
        var i = footer - 1;
        while (i >= bodyStart && (lines[i].Content.Trim().Length == 0 || chrome.Contains(i)))
        {
            i--;
        }
        if (i < bodyStart)
        {
            return (-1, null, null);
        }
        var last = lines[i].Content.Trim();
        if (last.Length > 20 || !ChineseDateParser.TryParse(last, out var date) || date.Length < last.Length - 1)
        {
            return (-1, null, null);
        }
        var dateLine = i;
        i--;
        while (i >= bodyStart && lines[i].Content.Trim().Length == 0)
        {
            i--;
        }
        var issuerLines = new List<string>();
        var start = dateLine;
        while (i >= bodyStart && issuerLines.Count < 3 && lines[i].Content.Trim() is { Length: > 0 and <= 30 } candidate && OrganizationLine().IsMatch(candidate))
        {
            issuerLines.Insert(0, candidate);
            start = i;
            i--;
            while (i >= bodyStart && lines[i].Content.Trim().Length == 0)
            {
                i--;
            }
        }
        return (start, issuerLines.Count > 0 ? string.Join('、', issuerLines) : null, date);
    }

    private static bool IsChrome(string content, PortalLayout portal) =>
        portal.Chrome.Any(c => content.Contains(c, StringComparison.Ordinal));

    private static bool IsEmptyTableRow(string content) => content.All(c => c is '|' or ' ');

    [GeneratedRegex(@"^(?:中共)?[\u4e00-\u9fff]{2,24}(?:人民政府|委员会|党委|县委|市委|区委|镇委|乡委|旗委|政府|办公室|办事处|局|委|厅|办|院|中心)$")]
    private static partial Regex OrganizationLine();

    [GeneratedRegex(@"^(?<to>[\u4e00-\u9fff、,，]{2,60})[:：]$")]
    private static partial Regex AddresseeLine();
}
