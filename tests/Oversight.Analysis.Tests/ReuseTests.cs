using Oversight.Analysis.Metadata;
using Oversight.Analysis.Reuse;
using Oversight.Analysis.Rules;
using Oversight.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Oversight.Analysis.Tests;

public class ReuseTests(ITestOutputHelper output)
{
    private static readonly ReportReader Reader = new(ShippedDivisions.Registry);

    private static readonly TextReuseRule National = RulePackYaml.Shipped.Single(p => p.PackId == "national").TextReuse!;

    [Fact]
    public void Normalize_NamesFiguresAndPunctuation_Dropped()
    {
        var names = ReuseNormalizer.OwnNames(["浑源县"]);

        var a = ReuseNormalizer.Normalize("2025年,浑源县共办理行政复议案件35件,纠错率12.5%。", names);
        var b = ReuseNormalizer.Normalize("2025年，浑源共办理行政复议案件一百二十件，纠错率8%", names);

        Assert.Equal("#年@共办理行政复议案件#件纠错率#", a);
        Assert.Equal(a, b);
    }

    // Stored keys must not change with the fast path: an ideograph is kept exactly when the letter test would keep it.
    [Fact]
    public void Normalize_IdeographsKeptWithoutAskingICU_SameAsTheLetterTest()
    {
        for (var c = ReuseNormalizer.FirstIdeograph; c <= ReuseNormalizer.LastIdeograph; c++)
        {
            Assert.True(char.IsLetter(c) && !char.IsUpper(c), $"U+{(int)c:X4}");
        }
        var longSentence = string.Concat(Enumerable.Repeat("浑源县依法行政ABC工作,", 40));

        var key = ReuseNormalizer.Normalize(longSentence, ReuseNormalizer.OwnNames(["浑源县"]));

        Assert.Equal(string.Concat(Enumerable.Repeat("@依法行政abc工作", 40)), key);
    }

    [Fact]
    public void Keys_OneWordChanged_UsuallyShared()
    {
        var (a1, a2) = PassageKeys.Of(ReuseNormalizer.Normalize("深入开展行政执法案卷评查工作,规范行政执法行为,提升执法质量", []));
        var (b1, b2) = PassageKeys.Of(ReuseNormalizer.Normalize("深入开展行政执法案卷评查工作,规范行政执法行为,提高执法质量", []));
        var (c1, c2) = PassageKeys.Of(ReuseNormalizer.Normalize("全面推行行政裁量权基准制度,细化量化裁量标准", []));

        Assert.True(a1 == b1 || a2 == b2);
        Assert.False(a1 == c1 || a2 == c2);
    }

    // Another county's copy of 浑源县's report: the name, every figure but years, the order of paragraphs and a few words changed.
    [Fact]
    public void MatchesOf_CopyWithNamesFiguresOrderAndWordsChanged_FoundOnBothSides()
    {
        var original = SampleReports.Text(SampleReports.Hunyuan);
        var copy = ReportEdits.ChangeWords(ReportEdits.ReorderParagraphs(ReportEdits.ChangeFigures(ReportEdits.Rename(original, "浑源", "灵丘"))));
        var index = new ReuseIndex();
        var first = Document("hunyuan", original);
        var second = Document("lingqiu", copy);
        index.Add(first);
        index.Add(second);

        var fromCopy = Assert.Single(index.MatchesOf("lingqiu"));
        var fromOriginal = Assert.Single(index.MatchesOf("hunyuan"));

        Assert.Equal(("140224", "140225"), (second.Body.JurisdictionCode, first.Body.JurisdictionCode));
        Assert.Equal((ReuseRelations.OtherBody, "hunyuan"), (fromCopy.Relation, fromCopy.OtherReportId));
        Assert.True(fromCopy.Share >= 0.8, $"share {fromCopy.Share}");
        Assert.True(fromOriginal.Share >= 0.8, $"share {fromOriginal.Share}");
        Assert.True(fromCopy.Passages >= 40, $"{fromCopy.Passages} passages");
        var passage = fromCopy.Evidence[0];
        Assert.Equal(passage.Excerpt.Length > 0, passage.OtherExcerpt.Length > 0);
        Assert.Contains(fromCopy.Evidence, e => e.Excerpt.Contains("灵丘", StringComparison.Ordinal) && e.OtherExcerpt.Contains("浑源", StringComparison.Ordinal));
        Assert.All(fromCopy.Evidence, e => Assert.Equal(e.Excerpt.TrimEnd('…'), copy.Substring(e.Start, e.Length).Trim()[..e.Excerpt.TrimEnd('…').Length]));
        output.WriteLine(
            $"copy → original {fromCopy.Share:P1} ({fromCopy.Passages} of {second.Passages.Count} sentences); original → copy {fromOriginal.Share:P1}");
    }

    [Fact]
    public void MatchesOf_SameBodyYearBefore_LastYearAndNotTheOtherWay()
    {
        var text = SampleReports.Text(SampleReports.Hunyuan);
        var index = new ReuseIndex();
        index.Add(Document("2025", text));
        index.Add(Document("2024", ReportEdits.ChangeFigures(
            text.Replace("2025", "2024", StringComparison.Ordinal).Replace("2026", "2025", StringComparison.Ordinal))));

        var current = Assert.Single(index.MatchesOf("2025"));

        Assert.Equal((ReuseRelations.LastYear, "2024", 2024), (current.Relation, current.OtherReportId, current.OtherYear));
        Assert.True(current.Share >= 0.9, $"share {current.Share}");
        // The year before does not reuse the year after.
        Assert.Empty(index.MatchesOf("2024"));
    }

    [Fact]
    public void MatchesOf_OtherTypeOrOtherBodyOtherYear_NotCompared()
    {
        var text = SampleReports.Text(SampleReports.Hunyuan);
        var index = new ReuseIndex();
        var original = Document("a", text);
        index.Add(original);
        index.Add(original with { Body = original.Body with { ReportId = "other-type", ReportType = ReportTypes.InformationDisclosure } });
        index.Add(original with { Body = original.Body with { ReportId = "other-body-year", JurisdictionCode = "140224", ReportYear = 2024 } });
        index.Add(original with { Body = original.Body with { ReportId = "same-body-same-year" } });

        Assert.Empty(index.MatchesOf("a"));
    }

    // Wording that many reports share is phrasing, not copying: with the threshold at three reports, three identical
    // reports match no one.
    [Fact]
    public void MatchesOf_PassageHeldByCommonReports_CountsForNoOne()
    {
        var text = SampleReports.Text(SampleReports.Hunyuan);
        var index = new ReuseIndex(commonReports: 3);
        var original = Document("a", text);
        index.Add(original);
        index.Add(original with { Body = original.Body with { ReportId = "b", JurisdictionCode = "140224" } });
        Assert.NotEmpty(index.MatchesOf("a"));

        index.Add(original with { Body = original.Body with { ReportId = "c", JurisdictionCode = "140223" } });

        Assert.Empty(index.MatchesOf("a"));
    }

    // Every real and written report in the test corpus against every other, as if all were of one year and of other
    // bodies: none reaches the national pack's thresholds; the share of pairs that do is the false-positive rate.
    [Fact]
    public void MatchesOf_EveryPairOfCorpusReports_NoneOverTheNationalThreshold()
    {
        var index = new ReuseIndex();
        var files = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"))
            .Concat(Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Bodies")))
            .Where(f => !f.EndsWith(".expected", StringComparison.Ordinal))
            .Concat(SampleReports.All.Select(SampleReports.PathOf))
            .Order(StringComparer.Ordinal).ToList();
        foreach (var (file, n) in files.Select((f, n) => (f, n)))
        {
            var reading = Reader.Read(new ReportInput(File.ReadAllBytes(file))).Reading!;
            var document = ReuseDocument.Of(Path.GetFileName(file), 1, reading, ReportTypes.RuleOfLaw);
            index.Add(document with { Body = document.Body with { JurisdictionCode = $"9{n:D5}", Level = "county", ReportYear = 2024 } });
        }

        var matches = index.Documents.SelectMany(d => index.MatchesOf(d.Body.ReportId).Select(m => (d.Body.ReportId, Match: m))).ToList();
        var flagged = matches.Where(m => m.Match.Share >= National.OtherBodyShare && m.Match.Passages >= National.MinPassages).ToList();
        var pairs = files.Count * (files.Count - 1);

        output.WriteLine(
            $"{files.Count} reports, {pairs:N0} ordered pairs compared, {matches.Count} share a sentence, {flagged.Count} over the threshold; largest share " +
            $"with {National.MinPassages}+ sentences: " +
            $"{matches.Where(m => m.Match.Passages >= National.MinPassages).Select(m => m.Match.Share).DefaultIfEmpty().Max():P1}");
        Assert.True(files.Count >= 100, $"{files.Count} reports");
        Assert.Empty(flagged);
    }

    [Fact]
    public void Findings_OverThreshold_OnePerOtherReportWithBothSides()
    {
        var pack = RulePackYaml.Shipped.Single(p => p.PackId == "national");
        var passage = new ReusedPassage("一", 10, 20, "本报告的句子", "二", 30, 25, "另一报告的句子");
        ReuseMatch[] matches =
        [
            new(ReuseRelations.OtherBody, "r_other", 2, "140224", "county", 2025, 0.82, 40, [passage]) { OtherName = "灵丘县" },
            new(ReuseRelations.OtherBody, "r_small", 1, "140223", "county", 2025, 0.9, 3, [passage]),
            new(ReuseRelations.LastYear, "r_last", 1, "140225", "county", 2024, 0.45, 30, [passage]),
        ];

        var finding = Assert.Single(TextReuseFindings.For(matches, National, pack));

        Assert.Equal((RuleVocabulary.TextReusedFromOtherBody, "warning", "r_other"), (finding.Code, finding.Severity, finding.Subject));
        Assert.Contains("灵丘县(140224)2025年度报告 r_other", finding.Message, StringComparison.Ordinal);
        Assert.Contains("82%", finding.Message, StringComparison.Ordinal);
        Assert.Equal([("", 10, "本报告的句子"), ("r_other", 30, "另一报告的句子")], finding.Evidence.Select(e => (e.ReportId, e.Span.Start, e.Excerpt)));
    }

    private static ReuseDocument Document(string id, string text)
    {
        var reading = Reader.Read(new ReportInput(System.Text.Encoding.UTF8.GetBytes(text))).Reading!;
        return ReuseDocument.Of(id, 1, reading, ReportTypes.RuleOfLaw);
    }
}
