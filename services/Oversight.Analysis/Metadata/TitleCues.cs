using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace Oversight.Analysis.Metadata;

/// <summary>
/// How a report's title shows on a portal page, and what around it is not title (title-cues.yaml): the words the
/// layout finds the title by, and those the reader tells an annual report by. The patterns are built once, on load.
/// </summary>
public sealed class TitleCues
{
    public int Version { get; set; }

    public string ReportNoun { get; set; } = "";

    public List<string> Subjects { get; set; } = [];

    /// <summary>Characters a sentence ends with (each one character of the string).</summary>
    public string SentenceEnds { get; set; } = "";

    public List<string> SentenceWords { get; set; } = [];

    public SituationCues Situation { get; set; } = new();

    /// <summary>The word a title opens with ("关于…的报告"), or its broken first half ends with.</summary>
    public string About { get; set; } = "";

    /// <summary>Characters the first half of a broken title never holds.</summary>
    public string FragmentStops { get; set; } = "";

    public List<string> PlaceSuffixes { get; set; } = [];

    public BreadcrumbCues Breadcrumbs { get; set; } = new();

    public SiteSuffixCues SiteSuffix { get; set; } = new();

    public ColumnTagCues ColumnTag { get; set; } = new();

    public AnnualReportCues AnnualReport { get; set; } = new();

    public static TitleCues Default { get; } = Checked(EmbeddedData.Load<TitleCues>("title-cues.yaml"));

    /// <summary>"X乡2023年法治政府建设工作情况": a title without the report noun.</summary>
    [YamlIgnore]
    public Regex SituationTitle { get; private set; } = null!;

    /// <summary>"_街镇园区文件_X区人民政府门户网站" at the end of a title bar.</summary>
    [YamlIgnore]
    public Regex SiteSuffixPattern { get; private set; } = null!;

    /// <summary>"【省政府法治建设报告】" at the start of a line.</summary>
    [YamlIgnore]
    public Regex ColumnTagPattern { get; private set; } = null!;

    /// <summary>"重庆市铜梁区": a place's name alone on a line.</summary>
    [YamlIgnore]
    public Regex PlaceOnly { get; private set; } = null!;

    [YamlIgnore]
    internal char[] FragmentStopChars { get; private set; } = [];

    [YamlIgnore]
    internal char[] BreadcrumbMarks { get; private set; } = [];

    public bool NamesSubject(string text) => Subjects.Any(s => text.Contains(s, StringComparison.Ordinal));

    /// <summary>"…现将有关情况报告如下。": a sentence of the report, never its title.</summary>
    public bool IsSentence(string text) =>
        SentenceEnds.Any(c => text.EndsWith(c)) || SentenceWords.Any(w => text.Contains(w, StringComparison.Ordinal));

    public bool IsBreadcrumb(string text) =>
        text.IndexOfAny(BreadcrumbMarks) >= 0 || Breadcrumbs.Starts.Any(s => text.StartsWith(s, StringComparison.Ordinal));

    /// <summary>A page of the default type that names its subject: the subject words of an annual report.</summary>
    public bool NamesReportSubject(string text) => AnnualReport.Subjects.Any(s => text.Contains(s, StringComparison.Ordinal));

    // A cue left empty would match every line (or none) and silently change which line is the title.
    internal static TitleCues Checked(TitleCues cues)
    {
        string[] required = [cues.ReportNoun, cues.SentenceEnds, cues.About, cues.FragmentStops, cues.Breadcrumbs.Marks, cues.ColumnTag.Open,
            cues.ColumnTag.Close, cues.Situation.Joiner];
        List<string>[] lists = [cues.Subjects, cues.SentenceWords, cues.Situation.Endings, cues.Situation.Plans, cues.PlaceSuffixes, cues.Breadcrumbs.Starts,
            cues.SiteSuffix.Separators, cues.SiteSuffix.Endings, cues.AnnualReport.Subjects,
            cues.AnnualReport.Announcements, cues.AnnualReport.NotReports];
        if (required.Any(r => r.Length == 0) || lists.Any(l => l.Count == 0 || l.Any(w => w.Length == 0)))
        {
            throw new InvalidOperationException("title-cues.yaml: every cue needs a value, and no list may be empty or hold an empty word.");
        }
        if (cues.ColumnTag.Open.Length != 1 || cues.ColumnTag.Close.Length != 1 || cues.ColumnTag.MinLength < 1
            || cues.ColumnTag.MaxLength < cues.ColumnTag.MinLength)
        {
            throw new InvalidOperationException("title-cues.yaml: columnTag needs one-character open and close and 1 <= minLength <= maxLength.");
        }
        cues.SituationTitle = new Regex(
            $@"^[^一二三四五六七八九十(（]\S{{0,30}}(?:19|20)\d{{2}}\s?年度?\S{{0,10}}{Any(cues.Subjects)}\S{{0,16}}{Any(cues.Situation.Endings)}" +
            $@"(?:{Regex.Escape(cues.Situation.Joiner)}\S{{0,16}}{Any(cues.Situation.Plans)})?$", RegexOptions.Compiled);
        cues.SiteSuffixPattern = new Regex($@"{Any(cues.SiteSuffix.Separators)}.*{Any(cues.SiteSuffix.Endings)}$", RegexOptions.Compiled);
        var (open, close) = (Regex.Escape(cues.ColumnTag.Open), Regex.Escape(cues.ColumnTag.Close));
        cues.ColumnTagPattern = new Regex($"^{open}[^{close}]{{{cues.ColumnTag.MinLength},{cues.ColumnTag.MaxLength}}}{close}", RegexOptions.Compiled);
        cues.PlaceOnly = new Regex($@"^[\u4e00-\u9fff]{{2,20}}{Any(cues.PlaceSuffixes)}$", RegexOptions.Compiled);
        cues.FragmentStopChars = [.. cues.FragmentStops];
        cues.BreadcrumbMarks = [.. cues.Breadcrumbs.Marks];
        return cues;
    }

    private static string Any(IEnumerable<string> words) => "(?:" + string.Join('|', words.Select(Regex.Escape)) + ")";
}

public sealed class SituationCues
{
    public List<string> Endings { get; set; } = [];

    public string Joiner { get; set; } = "";

    public List<string> Plans { get; set; } = [];
}

public sealed class BreadcrumbCues
{
    /// <summary>Characters that separate a breadcrumb's steps (each one character of the string).</summary>
    public string Marks { get; set; } = "";

    public List<string> Starts { get; set; } = [];
}

public sealed class SiteSuffixCues
{
    public List<string> Separators { get; set; } = [];

    public List<string> Endings { get; set; } = [];
}

public sealed class ColumnTagCues
{
    public string Open { get; set; } = "";

    public string Close { get; set; } = "";

    public int MinLength { get; set; }

    public int MaxLength { get; set; }
}

public sealed class AnnualReportCues
{
    public List<string> Subjects { get; set; } = [];

    /// <summary>Words that announce the report in its opening: 报告如下, 汇报如下, 总结如下.</summary>
    public List<string> Announcements { get; set; } = [];

    /// <summary>A title with one of these is a page about a report (解读, 图解), not the report.</summary>
    public List<string> NotReports { get; set; } = [];
}
