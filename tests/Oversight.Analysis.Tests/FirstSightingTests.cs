using System.Globalization;
using Oversight.Analysis.Metadata;
using Oversight.Analysis.Rules;
using Oversight.Testing;

namespace Oversight.Analysis.Tests;

/// <summary>The deadline judged by when the platform first saw a report, beside the date its page shows.</summary>
public sealed class FirstSightingTests
{
    private static CheckInput Input(string? pageDate, string? firstSeen)
    {
        // 云冈区 (the seed with no finding): only the dates change.
        var reading = new ReportReader(ShippedDivisions.Registry).Read(new ReportInput(SampleReports.Bytes(SampleReports.YungangTown))).Reading!;
        var page = pageDate is null ? (DateTimeOffset?)null : DateTimeOffset.Parse(pageDate, CultureInfo.InvariantCulture);
        return CheckInput.From(reading, Indicators.MetricExtractor.Default) with
        {
            PublishedAt = page,
            PageDate = page,
            FirstSeenAt = firstSeen is null ? null : DateTimeOffset.Parse(firstSeen, CultureInfo.InvariantCulture),
        };
    }

    private static IReadOnlyList<string> Codes(CheckInput input) =>
        [.. ComplianceChecker.Check(input, RulePackYaml.Shipped).Select(f => f.Code).Where(c => c.StartsWith("DISCLOSURE",
            StringComparison.Ordinal) || c.StartsWith("PAGE", StringComparison.Ordinal))];

    [Fact]
    public void Check_NoPageDateFirstSeenBeforeTheDeadline_Timely()
    {
        Assert.Equal(["DISCLOSURE_DATE_UNKNOWN"], Codes(Input(null, null)));
        Assert.Empty(Codes(Input(null, "2026-03-31T15:00:00Z")));
    }

    [Fact]
    public void Check_NoPageDateFirstSeenAfterTheDeadline_DateStillUnknown()
    {
        Assert.Equal(["DISCLOSURE_DATE_UNKNOWN"], Codes(Input(null, "2026-04-02T01:00:00Z")));
    }

    [Theory]
    [InlineData("2026-03-21T00:00:00+08:00", "2026-03-20T02:00:00Z")]
    [InlineData("2026-03-10T00:00:00+08:00", "2026-03-20T02:00:00Z")]
    public void Check_PageDateWithinADayOfOrBeforeTheFirstSighting_NoContradiction(string pageDate, string firstSeen)
    {
        Assert.Empty(Codes(Input(pageDate, firstSeen)));
    }

    [Fact]
    public void Check_PageClaimsALaterDayThanFirstSeen_ContradictionAndTimelyByTheSighting()
    {
        // Seen on March 20; the page now says April 3 (after the deadline): the sighting decides, the page's date is a finding.
        var findings = ComplianceChecker.Check(Input("2026-04-03T00:00:00+08:00", "2026-03-20T02:00:00Z"), RulePackYaml.Shipped);

        var contradiction = Assert.Single(findings, f => f.Code == RuleVocabulary.PageDateAfterFirstSeen);
        Assert.Equal(("warning", "publishedAt"), (contradiction.Severity, contradiction.Field));
        Assert.Contains("2026年4月3日", contradiction.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(findings, f => f.Code == RuleVocabulary.DisclosureLate);
    }
}
