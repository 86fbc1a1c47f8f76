using Oversight.Analysis.Decoding;
using Oversight.Analysis.Html;
using Oversight.Analysis.Metadata;
using Oversight.Analysis.Outline;
using Oversight.Analysis.Rules;
using Oversight.Analysis.Text;
using Oversight.Vocabulary;

namespace Oversight.Analysis;

/// <summary>What a caller hands the reader: the bytes as received and what it knows about them.</summary>
public sealed record ReportInput(ReadOnlyMemory<byte> Content, string? ContentType = null, string? Charset = null, string? JurisdictionCode = null,
    int? ReportYear = null);

/// <summary>One report read: its text (original and normalized), metadata and outline. Immutable.</summary>
public sealed record ReportReading(
    DecodedText Decoded,
    NormalizedText Text,
    DocumentLayout Layout,
    ReportMetadata Metadata,
    ReportOutline Outline,
    TextSpan Body,
    bool LooksLikeAnnualReport,
    TextSpan NormalizedBody)
{
    private IReadOnlyList<TaskAreaCoverage>? _taskAreas;

    /// <summary>The text evidence spans point into: the decoded document, or for HTML the extracted article text.</summary>
    public string OriginalText => Text.Original;

    /// <summary>
    /// Which task areas of the implementation outline the measures cover. Read when first asked, once: ingestion,
    /// metrics and compliance all use it, the read benchmark's plain reading does not pay for it.
    /// </summary>
    public IReadOnlyList<TaskAreaCoverage> TaskAreas => _taskAreas ??= TaskAreaReader.Read(this, TaskAreaCatalog.Default);
}

/// <summary>A reading, or why there is none.</summary>
public sealed record ReadResult(ReportReading? Reading, ReadError? Error)
{
    public bool Succeeded => Reading is not null;
}

/// <summary>
/// The reader every part of the platform uses: decode → normalize → layout and metadata → outline → kinds.
/// Pure (no I/O, no clock) and total: any input gives a reading or a typed error, never an exception.
/// </summary>
public sealed class ReportReader(
    JurisdictionRegistry registry, SectionClassifier classifier, PortalLayout portal, HeaderFieldReader headers, TitleCues titles)
{
    public ReportReader(JurisdictionRegistry registry)
        : this(registry, SectionClassifier.Default, PortalLayout.Default, HeaderFieldReader.Default, TitleCues.Default)
    {
    }

    public static ReportReader Default { get; } = new(JurisdictionRegistry.Empty);

    public ReadResult Read(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            return ReadCore(input);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug, not bad input: tests feed thousands of mutated inputs and require this never happens.
            return new ReadResult(null, new ReadError(Reasons.ReaderFailed, $"读取报告时出现内部错误 ({ex.GetType().Name})"));
        }
    }

    private ReadResult ReadCore(ReportInput input)
    {
        var decoded = TextDecoder.Decode(input.Content.Span, input.ContentType, input.Charset);
        if (decoded.Error is not null)
        {
            return new ReadResult(null, decoded.Error);
        }
        var document = decoded.Text!;
        var original = document.Text;
        string? htmlTitle = null;
        var extraFields = new List<HeaderField>();
        if (document.IsHtml)
        {
            var html = HtmlTextExtractor.Extract(original);
            original = html.Text;
            htmlTitle = html.Title;
            extraFields.AddRange(html.MetaFields.Select(f => new HeaderField(f.Name, f.Value)));
        }
        var text = TextNormalizer.Normalize(original);
        if (!text.Text.Any(c => c is >= '\u4e00' and <= '\u9fff' || char.IsLetterOrDigit(c)))
        {
            return new ReadResult(null, new ReadError(Reasons.ContentNoText, "内容中没有可读的文字:请提交报告正文,而不是空白或只有格式的页面 (no readable text)"));
        }

        var lines = Line.Split(text.Text);
        var layout = DocumentLayout.Find(lines, portal, headers, titles, htmlTitle);
        if (extraFields.Count > 0)
        {
            layout = layout with { HeaderFields = [.. layout.HeaderFields, .. extraFields] };
        }
        var bodyStart = layout.BodyStartLine < lines.Count ? lines[layout.BodyStartLine].Start : text.Text.Length;
        var bodyEnd = layout.BodyEndLine < lines.Count ? lines[layout.BodyEndLine].Start : text.Text.Length;
        bodyEnd = Math.Max(bodyStart, bodyEnd);
        var opening = text.Text[bodyStart..Math.Min(bodyEnd, bodyStart + 1200)];
        // The page around the opening: the header above it (site name, source) and the opening itself.
        var context = text.Text[Math.Max(0, bodyStart - ContextBefore)..(bodyStart + opening.Length)];
        var announced = Announced(opening);
        var metadata = MetadataReader.Read(layout, opening, context, registry, input.JurisdictionCode, input.ReportYear, AnnouncingClause(announced));
        var type = ReportTypeCatalog.Loaded.Of(metadata.Title, opening);
        metadata = metadata with { ReportType = type.Id };

        var raw = OutlineParser.Parse(text.Text, lines, layout.BodyStartLine, layout.BodyEndLine);
        // The rule-of-law report is read with the reader's classifier (tests give their own); other types with their own kinds.
        var outline = OutlineBuilder.Build(text, raw, type.Id == ReportTypes.RuleOfLaw ? classifier : type.Classifier, bodyStart, bodyEnd);
        var looksLikeReport = type.Id != ReportTypes.RuleOfLaw || LooksLikeAnnualReport(metadata.Title, opening, announced, outline);
        // Read in simplified characters, shown as the page writes it.
        metadata = metadata with { Title = text.Unfold(metadata.Title) };
        var body = text.ToOriginal(bodyStart, bodyEnd - bodyStart);
        var reading = new ReportReading(document with { Text = "" }, text, layout, metadata, outline, body, looksLikeReport,
            new TextSpan(bodyStart, bodyEnd - bodyStart));
        return new ReadResult(reading, null);
    }

    private const int ContextBefore = 800;

    // The title says so (and is not a reading or chart of the report: 《…报告》解读), the opening names the subject and
    // then announces the report ("…法治政府建设…。现将有关情况报告如下", pages that begin mid-page with no title), the body
    // opens with a section whose heading reviews the year's measures after an opening that names the subject, or the
    // body has at least two of the statutory contents as sections of their own.
    private bool LooksLikeAnnualReport(string title, string opening, string? announced, ReportOutline outline)
    {
        if (titles.AnnualReport.NotReports.Any(w => title.Contains(w, StringComparison.Ordinal)))
        {
            return false;
        }
        var titled = title.Contains(titles.ReportNoun, StringComparison.Ordinal) && titles.NamesReportSubject(title);
        var declared = announced is { } before && titles.NamesReportSubject(before);
        var reviewed = outline.Sections.FirstOrDefault(s => s.Depth == 1) is { Kind: SectionKinds.Measures, KindSource: HeadingSource }
            && titles.NamesReportSubject(opening);
        var statutory = outline.Coverage.Count(c => SectionKinds.Statutory.Contains(c.Kind) && c.Status == KindCoverage.Dedicated);
        return titled || declared || reviewed || statutory >= 2;
    }

    private const string HeadingSource = "heading";

    // The clause that announces the report ("现将我镇2024年法治政府建设情况报告如下"), from 现将/现就 when it has one: the
    // year it names is the report's, whatever years the sentences before it name ("在2023年工作基础上…"). Taken from
    // the opening up to the announcement, which LooksLikeAnnualReport reads too (Announced, found once).
    private static string? AnnouncingClause(string? announced)
    {
        if (announced is not { } before)
        {
            return null;
        }
        var start = before.LastIndexOfAny(['。', ';', '!']) + 1;
        var now = AnnouncingWords.Select(w => before.IndexOf(w, start, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(start).Min();
        return before[now..];
    }

    private static readonly string[] AnnouncingWords = ["现将", "现就"];

    // The opening up to the first announcement of the report ("现将…报告如下", "…总结如下") within its first 600 characters.
    private string? Announced(string opening)
    {
        var head = opening.Length > 600 ? opening[..600] : opening;
        var at = titles.AnnualReport.Announcements.Select(a => head.IndexOf(a, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        return at < 0 ? null : opening[..at];
    }
}
