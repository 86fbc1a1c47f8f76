using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Testing;

namespace Oversight.Compliance.Tests;

/// <summary>
/// A report whose content changes after the disclosure deadline (云冈区's 2025 report: April 1, 2026, +08:00): resubmitted or
/// refetched after it, the new revision is REPORT_CHANGED_AFTER_DEADLINE with the sentences added and removed; before it, or
/// unchanged, nothing. Ingestion's clock is the test's, so "after the deadline" needs no waiting.
/// </summary>
public sealed class ChangedAfterDeadlineTests
{
    private const string Removed = "全面梳理审批事项,对没有依据的事项一律取消,2025年减少了9个事项。";
    private const string Replacement = "全面梳理审批事项,对没有依据的事项一律取消,2025年减少了12个事项。";
    private const string AddedSentence = "截至4月底,补充公开了全年行政执法数据和复议纠错案件的办理结果。";
    private static readonly DateTimeOffset Before = new(2026, 3, 20, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset After = new(2026, 4, 10, 10, 0, 0, TimeSpan.FromHours(8));

    private static string Original => SampleReports.Text(SampleReports.Yungang);

    // One figure changed (a sentence out, another in) and one sentence added at the end of a paragraph.
    private static string Changed => Original.Replace(Removed, Replacement, StringComparison.Ordinal)
        .Replace("大大方便了群众。", "大大方便了群众。" + AddedSentence, StringComparison.Ordinal);

    private static SubmitReportRequest Request(string text, DateTimeOffset? fetchedAt = null) => new()
    {
        Content = ByteString.CopyFromUtf8(text),
        Fetch = fetchedAt is { } at
            ? new FetchEvidence
            {
                RequestedUrl = "http://127.0.0.1/yungang/t20260320_1.html",
                FinalUrl = "http://127.0.0.1/yungang/t20260320_1.html",
                FetchedAt = Timestamp.FromDateTimeOffset(at),
                FirstSeenAt = Timestamp.FromDateTimeOffset(Before),
                HttpStatus = 200,
            }
            : null,
    };

    private static async Task<CheckReportResponse> CheckAsync(ComplianceStack stack, SubmitReportResponse submitted) =>
        await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = submitted.ReportId, Revision = submitted.Revision });

    [Fact]
    public async Task CheckReport_ResubmittedChangedAfterTheDeadline_FindingWithTheSentencesAddedAndRemoved()
    {
        var clock = new ManualTimeProvider(Before);
        await using var stack = await ComplianceStack.StartAsync(ingestionTime: clock);
        var first = await stack.Ingestion.SubmitReportAsync(Request(Original));
        Assert.Empty((await CheckAsync(stack, first)).Findings);

        clock.Now = After;
        var second = await stack.Ingestion.SubmitReportAsync(Request(Changed));
        var findings = (await CheckAsync(stack, second)).Findings;

        Assert.Equal(("revised", 2), (second.Outcome, second.Revision));
        var changed = Assert.Single(findings);
        Assert.Equal(("REPORT_CHANGED_AFTER_DEADLINE", "warning", 2), (changed.Code, changed.Severity, changed.Revision));
        Assert.Contains("2026年4月1日前", changed.Message, StringComparison.Ordinal);
        Assert.Contains("第 1 次修订", changed.Message, StringComparison.Ordinal);
        Assert.Contains("新增 2 句、删除 1 句", changed.Message, StringComparison.Ordinal);
        // Added sentences are in this revision's text; the removed one in revision 1's, which its evidence names.
        var added = changed.Evidence.Where(e => e.ReportId.Length == 0).ToList();
        var removed = Assert.Single(changed.Evidence, e => e.ReportId.Length > 0);
        Assert.Equal([Replacement, AddedSentence], added.Select(e => e.Excerpt));
        Assert.Equal((first.ReportId, 1, Removed), (removed.ReportId, removed.Revision, removed.Excerpt));
        Assert.Equal(Removed, Original.Substring(removed.Span.Start, removed.Span.Length));
        Assert.Equal(AddedSentence, Changed.Substring(added[1].Span.Start, added[1].Span.Length));
        Assert.All(added, e => Assert.StartsWith("一", e.SectionPath, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckReport_ChangedBeforeTheDeadline_NoFinding()
    {
        var clock = new ManualTimeProvider(Before);
        await using var stack = await ComplianceStack.StartAsync(ingestionTime: clock);
        await stack.Ingestion.SubmitReportAsync(Request(Original));

        clock.Now = new DateTimeOffset(2026, 3, 31, 23, 50, 0, TimeSpan.FromHours(8));
        var second = await stack.Ingestion.SubmitReportAsync(Request(Changed));

        Assert.Equal(("revised", 2), (second.Outcome, second.Revision));
        Assert.Empty((await CheckAsync(stack, second)).Findings);
    }

    [Fact]
    public async Task SubmitReport_UnchangedAfterTheDeadline_NoRevisionAndNoFinding()
    {
        var clock = new ManualTimeProvider(Before);
        await using var stack = await ComplianceStack.StartAsync(ingestionTime: clock);
        var first = await stack.Ingestion.SubmitReportAsync(Request(Original, Before));
        await CheckAsync(stack, first);

        clock.Now = After;
        var again = await stack.Ingestion.SubmitReportAsync(Request(Original, After));
        var revisions = await stack.Ingestion.ListRevisionsAsync(new ListRevisionsRequest { ReportId = first.ReportId });
        var listed = await stack.Compliance.ListFindingsAsync(new ListFindingsRequest { ReportId = first.ReportId });

        Assert.Equal(("duplicate", 1), (again.Outcome, again.Revision));
        Assert.Single(revisions.Revisions);
        Assert.DoesNotContain(listed.Findings, f => f.Code == "REPORT_CHANGED_AFTER_DEADLINE");
    }

    [Fact]
    public async Task CheckReport_RefetchedChangedAfterTheDeadline_FetchTimesDecideNotSubmissionTimes()
    {
        // Both revisions reach ingestion after the deadline, but the watcher fetched the first before it.
        var clock = new ManualTimeProvider(After);
        await using var stack = await ComplianceStack.StartAsync(ingestionTime: clock);
        await stack.Ingestion.SubmitReportAsync(Request(Original, Before));
        var second = await stack.Ingestion.SubmitReportAsync(Request(Changed, After));

        var changed = Assert.Single((await CheckAsync(stack, second)).Findings, f => f.Code == "REPORT_CHANGED_AFTER_DEADLINE");

        Assert.Contains("2026年3月20日 10:00 看到的第 1 次修订", changed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckReport_EveryRevisionAfterTheDeadline_LateNotChanged()
    {
        var clock = new ManualTimeProvider(After);
        await using var stack = await ComplianceStack.StartAsync(ingestionTime: clock);
        await stack.Ingestion.SubmitReportAsync(Request(Original, After));
        clock.Now = After.AddDays(3);
        var second = await stack.Ingestion.SubmitReportAsync(Request(Changed, After.AddDays(3)));

        var findings = (await CheckAsync(stack, second)).Findings;

        Assert.Equal(2, second.Revision);
        Assert.DoesNotContain(findings, f => f.Code == "REPORT_CHANGED_AFTER_DEADLINE");
    }

    [Fact]
    public async Task Submit_RefetchedChangedAfterTheDeadline_OutboxDeliversAndTheFindingIsStored()
    {
        // The system clock here (the outbox's call deadlines are real): the watcher's fetch times say when each revision was seen.
        var port = FreePorts.Next();
        await using var folder = TempFolder.Create("oversight-compliance-changed-");
        await using var ingestion = await ServiceHosts.StartAsync(Oversight.Ingestion.Extensions.Section, b => Oversight.Ingestion.Extensions.AddIngestion(b),
            a => Oversight.Ingestion.Extensions.MapIngestion(a), folder.Path, new Dictionary<string, string?>
            {
                ["Ingestion:Outbox:Compliance"] = $"http://127.0.0.1:{port}",
                ["Ingestion:Outbox:PollInterval"] = "00:00:00.100",
            });
        await using var compliance = await ServiceHosts.StartAsync(Extensions.Section, b => b.AddCompliance(), a => a.MapCompliance(), folder.Path,
            new Dictionary<string, string?>
            {
                ["Compliance:Ingestion"] = ingestion.Address.ToString(),
                ["Compliance:SeedRegistry"] = "false",
                ["Compliance:Endpoint:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        using var ingestionChannel = global::Grpc.Net.Client.GrpcChannel.ForAddress(ingestion.Address);
        using var complianceChannel = global::Grpc.Net.Client.GrpcChannel.ForAddress(compliance.Address);
        var submit = new IngestionService.IngestionServiceClient(ingestionChannel);
        var findings = new ComplianceService.ComplianceServiceClient(complianceChannel);

        var first = await submit.SubmitReportAsync(Request(Original, Before));
        await submit.SubmitReportAsync(Request(Changed, After));

        var listed = await Eventually.UntilAsync(
            async () => await findings.ListFindingsAsync(new ListFindingsRequest { ReportId = first.ReportId }),
            l => l.Findings.Any(f => f.Code == "REPORT_CHANGED_AFTER_DEADLINE"), TimeSpan.FromSeconds(20), "the change found");
        Assert.Equal(2, listed.Findings.Single(f => f.Code == "REPORT_CHANGED_AFTER_DEADLINE").Revision);
    }
}
