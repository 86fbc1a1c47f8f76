using System.Text.RegularExpressions;
using Oversight.Analysis.Text;

namespace Oversight.Analysis.Metadata;

/// <summary>
/// Where things are on the page: header fields, the title (possibly several lines, as in a joint
/// Party–government report), addressees, where the report body starts and ends, and the signature block.
/// Line indexes refer to the normalized text's lines. A date in brackets after the title and a bare date line in the
/// page chrome ("• 2024-01-23") are kept apart from the labelled header fields: they are weaker publication dates.
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
    IReadOnlySet<int> ChromeLines,
    ParsedDate? TitleDate,
    IReadOnlyList<ParsedDate> PageDates)
{
    private const int TopLines = 40;

    /// <summary>The author's dateline under the title ("(2025年12月11日)"): when the report was written, not posted.</summary>
    public ParsedDate? Dateline { get; init; }

    public static DocumentLayout Find(IReadOnlyList<Line> lines, PortalLayout portal, HeaderFieldReader headers, TitleCues cues, string? htmlTitle)
    {
        var fields = new List<HeaderField>();
        var headerLines = new HashSet<int>();
        var chrome = new HashSet<int>();
        var footer = lines.Count;
        string? awaiting = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var content = lines[i].Content;
            if (portal.HasFooterStart(content) && i > 0)
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
                    // A label left empty at the end of a line has its value at the start of the next, before that line's
                    // own label ("… - 名称:" / "X县教育局2024年度法治政府建设年度报告 - 文号:").
                    if (awaiting is not null && headers.Lead(content) is { Length: > 0 } lead)
                    {
                        fields.Add(new HeaderField(awaiting, lead));
                    }
                    fields.AddRange(found);
                    headerLines.Add(i);
                }
                awaiting = found.Count > 0 && found[^1].Value.Length == 0 ? found[^1].Name : null;
            }
        }
        for (var i = footer; i < lines.Count; i++)
        {
            chrome.Add(i);
        }

        var pageDates = new List<ParsedDate>();
        var titled = FindTitle(lines, headerLines, chrome, Math.Min(footer, TopLines), cues);
        var titleLine = titled.Line;
        var title = titled.Text;
        var issuers = new List<string>();
        if (titleLine >= 0)
        {
            // Issuers stacked above "关于…的报告" belong to the title: 中共汾西县委 / 汾西县人民政府 / 关于….
            for (var i = Above(lines, titled.FirstLine); i >= 0 && issuers.Count < 4; i = Above(lines, i))
            {
                var content = lines[i].Content.Trim();
                if (headerLines.Contains(i) || chrome.Contains(i) || !OrganizationLine().IsMatch(content))
                {
                    break;
                }
                issuers.InsertRange(0, content.Split([' ', '、'], StringSplitOptions.RemoveEmptyEntries));
            }
            if (issuers.Count > 0)
            {
                title = string.Join(' ', issuers) + title;
            }
            for (var i = 0; i < titled.FirstLine; i++)
            {
                AddPageDate(lines[i].Content, headerLines.Contains(i), pageDates);
            }
            // The header block under the title ("• 听全文 / • 2024-01-23 / • 来源:…", an index number, the publisher,
            // then the date) ends where the first paragraph of prose begins.
            for (var i = titleLine + 1; i < Math.Min(footer, titleLine + HeaderBlockLines); i++)
            {
                var content = lines[i].Content.Trim();
                if (IsProse(content))
                {
                    break;
                }
                if (!chrome.Contains(i))
                {
                    AddPageDate(content, headerLines.Contains(i), pageDates);
                }
            }
        }
        else
        {
            title = fields.FirstOrDefault(f => f.Name == "标题" && f.Value.Length > 0)?.Value ?? htmlTitle ?? RunInTitle(lines, cues) ?? "";
        }

        var bodyStart = Math.Max(titleLine + 1, 0);
        var titleText = titleLine >= 0 ? lines[titleLine].Content.Trim() : null;
        var addressees = new List<string>();
        ParsedDate? dateline = null;
        while (bodyStart < footer)
        {
            var content = lines[bodyStart].Content.Trim();
            if (content.Length == 0 || headerLines.Contains(bodyStart) || chrome.Contains(bodyStart) || content == titleText || IsEmptyTableRow(content)
                || AddPageDate(content, false, pageDates))
            {
                bodyStart++;
                continue;
            }
            if (dateline is null && IsDateline(content) && ChineseDateParser.TryParse(content, out var dated))
            {
                dateline = dated;
                bodyStart++;
                continue;
            }
            if (addressees.Count == 0 && AddresseeLine().Match(content) is { Success: true } addressed)
            {
                addressees.AddRange(addressed.Groups["to"].Value.Split(['、', ',', '，'],
                    StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                bodyStart++;
                continue;
            }
            break;
        }

        var (signatureLine, signatureIssuer, signatureDate) = FindSignature(lines, bodyStart, footer, chrome);
        var bodyEnd = signatureLine >= 0 ? signatureLine : footer;
        return new DocumentLayout(fields, titleLine, title, issuers, addressees, bodyStart, bodyEnd, signatureIssuer, signatureDate, signatureLine, chrome,
            titled.Date, pageDates)
        {
            Dateline = dateline,
        };
    }

    private readonly record struct TitleLines(int FirstLine, int Line, string Text, ParsedDate? Date);

    /// <summary>
    /// The title: the first line that names the report ("…法治政府建设…报告", or any line ending in 报告 that is more than a
    /// column name such as 工作报告), joined with the line above it when the portal broke it in two
    /// ("关于X市X区2025年度法治政府" / "建设情况的报告"). A date in brackets after it is a date, not title; a column tag
    /// before it ("【省政府法治建设报告】") and the site after it ("…报告_街镇园区文件_X区人民政府门户网站") are not title either.
    /// Portals often print the title twice: a repeat a few lines on that drops a label run into the first
    /// ("标题X…报告" / "X…报告") or has its issuer stacked above it ("X镇人民政府" / "2022年…报告") is the title.
    /// </summary>
    private static TitleLines FindTitle(IReadOnlyList<Line> lines, HashSet<int> headerLines, HashSet<int> chrome, int limit, TitleCues cues)
    {
        for (var i = 0; i < limit; i++)
        {
            if (TitleAt(lines, i, headerLines, chrome, cues) is not { } found)
            {
                continue;
            }
            // A plain repeat (the title bar, then the page's heading) moves the window on to look for the next one.
            var anchor = i;
            for (var j = i + 1; j < Math.Min(limit, anchor + RepeatLines); j++)
            {
                if (TitleAt(lines, j, headerLines, chrome, cues) is not { } repeat)
                {
                    continue;
                }
                if (repeat.Text == found.Text)
                {
                    anchor = j;
                }
                var shorter = repeat.Text.Length < found.Text.Length && found.Text.Length - repeat.Text.Length <= 4
                    && found.Text.EndsWith(repeat.Text, StringComparison.Ordinal);
                var stacked = FromYear(repeat.Text) == FromYear(found.Text) && !StacksIssuer(lines, found.FirstLine) && StacksIssuer(lines, repeat.FirstLine);
                if (shorter || stacked)
                {
                    found = repeat with { Date = found.Date ?? repeat.Date };
                    break;
                }
            }
            return found;
        }
        return new TitleLines(-1, -1, "", null);
    }

    private const int RepeatLines = 10;

    private static bool StacksIssuer(IReadOnlyList<Line> lines, int firstLine) =>
        Above(lines, firstLine) is var above and >= 0 && OrganizationLine().IsMatch(lines[above].Content.Trim());

    // "X镇2020年度…的报告" → "2020年度…的报告": two titles of one report agree from the year on.
    private static string FromYear(string title) =>
        YearIn().Match(title) is { Success: true } year ? title[year.Index..].Replace(" ", "", StringComparison.Ordinal) : title;

    // The nearest line above with text, over at most two blank lines (pages space out a title's lines): -1 when none.
    private static int Above(IReadOnlyList<Line> lines, int line)
    {
        for (var i = line - 1; i >= 0 && i >= line - 3; i--)
        {
            if (lines[i].Content.Trim().Length > 0)
            {
                return i;
            }
        }
        return -1;
    }

    private static TitleLines? TitleAt(IReadOnlyList<Line> lines, int i, HashSet<int> headerLines, HashSet<int> chrome, TitleCues cues)
    {
        var content = lines[i].Content.Trim();
        if (headerLines.Contains(i) || chrome.Contains(i) || content.Length is 0 or > 90 || cues.IsBreadcrumb(content))
        {
            return null;
        }
        ParsedDate? date = null;
        // The date ends the (trimmed) line in a closing bracket or a digit; other lines skip the regex, which tries every position.
        if (content[^1] is ')' or ']' or '】' or (>= '0' and <= '9') && BracketedDate().Match(content) is { Success: true } bracketed
            && ChineseDateParser.TryParse(bracketed.Groups["date"].Value, out var parsed))
        {
            date = parsed;
            content = content[..bracketed.Index].TrimEnd();
        }
        if (cues.SiteSuffixPattern.Match(content) is { Success: true } site)
        {
            content = content[..site.Index].TrimEnd();
        }
        if (cues.ColumnTagPattern.Match(content) is { Success: true } tag && content.Length - tag.Length >= MinTitleLength)
        {
            content = content[tag.Length..];
        }
        // A reposted document's line gives its number before the quoted title ("浙卫〔2024〕3号《…情况的报告》"): the title is
        // the quoted one.
        if (NumberedQuote().Match(content) is { Success: true } quoted)
        {
            content = quoted.Groups["title"].Value.Trim();
        }
        // A sentence ("…现将有关情况报告如下。", "…工作报告如下:") is never the title; "X乡2023年法治政府建设工作情况" is one
        // without 报告 (the words are title-cues.yaml's).
        if (cues.IsSentence(content)
            || !content.EndsWith(cues.ReportNoun, StringComparison.Ordinal)
                && !(content.Contains(cues.ReportNoun, StringComparison.Ordinal) && cues.NamesSubject(content))
            && !cues.SituationTitle.IsMatch(content))
        {
            return null;
        }
        var first = i;
        if (Above(lines, i) is var above and >= 0 && !headerLines.Contains(above) && !chrome.Contains(above)
            && IsTitleFragment(lines[above].Content.Trim(), content, cues))
        {
            first = above;
            content = lines[above].Content.Trim() + content;
        }
        return content.Length < MinTitleLength ? null : new TitleLines(first, i, content, date);
    }

    private const int MinTitleLength = 8;

    // A page whose site banner, title and text run together on one line ("某某网—每日更新www.x.com湖北省人民政府关于2023年度
    // 法治政府建设情况的报告2023年,省政府坚持…"): the title between the site's address (or the line's start) and the year the
    // text opens with, when it names the report's subject. The line stays the body's start.
    private static string? RunInTitle(IReadOnlyList<Line> lines, TitleCues cues)
    {
        for (var i = 0; i < Math.Min(lines.Count, RunInLines); i++)
        {
            if (RunInTitlePattern().Match(lines[i].Content) is { Success: true } match && cues.NamesReportSubject(match.Groups["title"].Value))
            {
                return match.Groups["title"].Value;
            }
        }
        return null;
    }

    private const int RunInLines = 3;

    [GeneratedRegex(@"(?:^|[a-z0-9]\.(?:com|cn|net|org)(?:\.cn)?)(?<title>[\u4e00-\u9fff、0-9]{6,60}?报告)(?=(?:19|20)\d{2} ?年)")]
    private static partial Regex RunInTitlePattern();

    // The first half of a broken title names the subject or opens with 关于 and has no sentence punctuation; the second
    // half is short and cannot stand alone as a title (it does not name the subject or a year).
    // A place alone above a title that starts with its year is the title's first half too ("重庆市铜梁区" / "2023年…报告").
    private static bool IsTitleFragment(string previous, string rest, TitleCues cues) =>
        previous.Length is > 0 and <= 40 && rest.Length <= 30
        && !previous.Contains(cues.ReportNoun, StringComparison.Ordinal)
        && previous.IndexOfAny(cues.FragmentStopChars) < 0
        && ((previous.StartsWith(cues.About, StringComparison.Ordinal) || cues.NamesSubject(previous))
            && !cues.NamesSubject(rest) && !rest.StartsWith(cues.About, StringComparison.Ordinal) && !YearIn().IsMatch(rest)
            || YearIn().IsMatch(previous) && !rest.StartsWith(cues.About, StringComparison.Ordinal) && !YearIn().IsMatch(rest)
            || previous.EndsWith(cues.About, StringComparison.Ordinal)
            || cues.PlaceOnly.IsMatch(previous) && YearFirst().IsMatch(rest));

    private const int HeaderBlockLines = 12;

    // A paragraph of the report: long, or a sentence.
    private static bool IsProse(string content) =>
        content.Length > 60 || content.Contains('。', StringComparison.Ordinal) || content.Contains('，', StringComparison.Ordinal)
        || (content.Length > 30 && content.Contains(',', StringComparison.Ordinal));

    // "• 2024-01-23" alone on a line of the page chrome, or a date that opens a header line beside the source or the
    // site ("2025-04-27 10:14 黑龙江省人民政府网", "2023-03-27 17:05 来源: 海南省人民政府网"): a publication date the page does
    // not label. Banners that print today's date ("今天是:2024年3月1日 星期五", "X区人民政府 2019年12月3日星期二") carry
    // words before the date or a weekday and are never one; "(2025年12月11日)" under a title is the author's dateline
    // (题注), a document date, not the portal's.
    private static bool AddPageDate(string content, bool isHeader, List<ParsedDate> dates)
    {
        var trimmed = content.Trim().TrimStart('•', '·', '-', '*', ' ');
        var bare = trimmed.TrimStart('(', '[', '【', '（').TrimEnd(' ', ')', ']', '】', '）');
        if (bare.Length == 0 || !char.IsAsciiDigit(bare[0]) || !ChineseDateParser.TryParse(bare, out var date) || date.Index != 0)
        {
            return false;
        }
        if (bare.Length != trimmed.Length && IsDateline(trimmed))
        {
            return false;
        }
        var rest = bare[date.Length..].Trim();
        var alone = rest.Length == 0 && !isHeader && bare.Length <= 24;
        var besideSource = rest.Length is > 0 and <= 40 && !rest.Contains("星期", StringComparison.Ordinal) && !rest.Contains("周", StringComparison.Ordinal)
            && rest.IndexOfAny(['。', ',', '，', ';', '；']) < 0 && (isHeader || SiteOrBody().IsMatch(rest));
        if (!alone && !besideSource)
        {
            return false;
        }
        if (!dates.Any(d => d.Date == date.Date))
        {
            dates.Add(date);
        }
        return true;
    }

    /// <summary>"(2025年12月11日)" on its own line under a title: the author's dateline (题注).</summary>
    internal static bool IsDateline(string line)
    {
        var bare = line.Trim().TrimStart('(', '（').TrimEnd(')', '）').Trim();
        return line.Trim().Length > bare.Length && bare.EndsWith('日') && ChineseDateParser.TryParse(bare, out var date) && date.Index == 0
            && date.Length == bare.Length;
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
        while (i >= bodyStart && issuerLines.Count < 3 && lines[i].Content.Trim() is { Length: > 0 and <= 30 } candidate
            && OrganizationLine().IsMatch(candidate))
        {
            issuerLines.InsertRange(0, candidate.Split([' ', '、'], StringSplitOptions.RemoveEmptyEntries));
            start = i;
            i--;
            while (i >= bodyStart && lines[i].Content.Trim().Length == 0)
            {
                i--;
            }
        }
        return (start, issuerLines.Count > 0 ? string.Join('、', issuerLines) : null, date);
    }

    private static bool IsChrome(string content, PortalLayout portal) => portal.HasChrome(content);

    private static bool IsEmptyTableRow(string content) => content.All(c => c is '|' or ' ');

    // One body, or several on one line ("中共红原县委 红原县人民政府", "中共X县委、X县人民政府").
    [GeneratedRegex(
        @"^(?:(?:中共)?[\u4e00-\u9fff]{2,24}?(?:人民政府|委员会|党委|县委|市委|区委|镇委|乡委|旗委|政府|办公室|办事处|局|委|厅|办|院|中心))(?:[ 、]+(?:中共)" +
        @"?[\u4e00-\u9fff]{2,24}?(?:人民政府|委员会|党委|县委|市委|区委|镇委|乡委|旗委|政府|办公室|办事处|局|委|厅|办|院|中心))*$")]
    private static partial Regex OrganizationLine();

    // "…情况报告 (2024-02-26)", "…情况报告 2025-02-28": the portal's date after the title.
    [GeneratedRegex(@"(?:\s*[(\[【]\s*(?<date>(?:19|20)\d{2}\s?[-/.年]\s?\d{1,2}\s?[-/.月]\s?\d{1,2}\s?日?)\s*[)\]】]|\s+(?<date>(?:19|20)\d{2}-\d{1,2}-\d{1,2}))$")]
    private static partial Regex BracketedDate();

    // What a header line names beside its date: a site or a body ("黑龙江省人民政府网", "湖北省人民政府", "来源:…").
    [GeneratedRegex(@"^(?:来源|[\u4e00-\u9fff]{2,30}?(?:网|网站|政府|委员会|办公室|办事处|局|委|厅|办|院|中心))(?:\s|$)")]
    private static partial Regex SiteOrBody();

    [GeneratedRegex(@"(?:19|20)\d{2}\s?年")]
    private static partial Regex YearIn();

    [GeneratedRegex(@"^(?:19|20)\d{2}\s?年")]
    private static partial Regex YearFirst();

    [GeneratedRegex(@"^(?<to>[\u4e00-\u9fff、,，]{2,60})[:：]$")]
    private static partial Regex AddresseeLine();

    [GeneratedRegex(@"^[\u4e00-\u9fff]{1,12}[〔\[［(（](?:19|20)\d{2}[〕\]］)）]\s?\d{1,4}\s?号\s*《(?<title>[^《》]{6,80})》$")]
    private static partial Regex NumberedQuote();
}
