using Oversight.Analysis.Metadata;
using Oversight.Analysis.Revisions;
using Oversight.Analysis.Rules;
using Oversight.Testing;

namespace Oversight.Analysis.Tests;

/// <summary>What one revision of a report added and removed, bounded, and when the checker makes it a finding.</summary>
public sealed class RevisionDiffTests
{
    private static readonly DateTimeOffset Before = new(2026, 3, 20, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset After = new(2026, 4, 10, 10, 0, 0, TimeSpan.FromHours(8));

    private static ReportReading Read(string text) =>
        new ReportReader(ShippedDivisions.Registry).Read(new ReportInput(System.Text.Encoding.UTF8.GetBytes(text))).Reading!;

    private static string Original => SampleReports.Text(SampleReports.Yungang);

    [Fact]
    public void Between_SameText_NothingAddedOrRemoved()
    {
        var change = RevisionDiff.Between("r", 1, Read(Original), Before, Read(Original), After);

        Assert.Equal((0, 0), (change.AddedCount, change.RemovedCount));
        Assert.Empty(change.Added);
        Assert.Empty(change.Removed);
    }

    [Fact]
    public void Between_EveryFigureChanged_AllCountedFewShownEachShort()
    {
        var changed = ReportEdits.ChangeFigures(Original);

        var change = RevisionDiff.Between("r", 3, Read(Original), Before, Read(changed), After);

        Assert.True(change.AddedCount > RevisionDiff.MaxShown, $"{change.AddedCount} added");
        Assert.Equal(change.AddedCount, change.RemovedCount);
        Assert.Equal(RevisionDiff.MaxShown, change.Added.Count);
        Assert.Equal(RevisionDiff.MaxShown, change.Removed.Count);
        Assert.All(change.Added.Concat(change.Removed), e => Assert.InRange(e.Excerpt.Length, 1, RevisionDiff.ExcerptLength + 1));
        Assert.All(change.Removed, e => Assert.Equal(("r", 3), (e.ReportId, e.Revision)));
        Assert.All(change.Added, e => Assert.Equal("", e.ReportId));
    }

    [Fact]
    public void Between_ParagraphsReordered_NothingAddedOrRemoved()
    {
        var change = RevisionDiff.Between("r", 1, Read(Original), Before, Read(ReportEdits.ReorderParagraphs(Original)), After);

        Assert.Equal((0, 0), (change.AddedCount, change.RemovedCount));
    }

    [Theory]
    [InlineData("2026-03-20T10:00:00+08:00", "2026-04-01T00:00:00+08:00", true)]
    [InlineData("2026-03-20T10:00:00+08:00", "2026-03-31T23:59:59+08:00", false)]
    [InlineData("2026-04-01T00:00:00+08:00", "2026-04-10T00:00:00+08:00", false)]
    public void Check_ChangeSeenAtTheDeadlineOrLater_FindingOnlyWhenTheBaselineWasBefore(string baseline, string seen, bool finding)
    {
        var reading = Read(Original);
        var change = RevisionDiff.Between("r", 1, reading, DateTimeOffset.Parse(baseline, System.Globalization.CultureInfo.InvariantCulture),
            Read(ReportEdits.ChangeWords(Original)), DateTimeOffset.Parse(seen, System.Globalization.CultureInfo.InvariantCulture));
        var input = CheckInput.From(reading, Indicators.MetricExtractor.Default) with { Change = change };

        var found = ComplianceChecker.Check(input, RulePackYaml.Shipped).Where(f => f.Code == RuleVocabulary.ReportChangedAfterDeadline).ToList();

        Assert.Equal(finding, found.Count == 1);
        Assert.Equal(2026, ComplianceChecker.DisclosureDue(input, RulePackYaml.Shipped)!.Value.Year);
        if (finding)
        {
            Assert.Equal(RevisionDiff.MaxShown * 2, found[0].Evidence.Count);
            Assert.Contains("(证据只列出前几句)", found[0].Message, StringComparison.Ordinal);
        }
    }
}
