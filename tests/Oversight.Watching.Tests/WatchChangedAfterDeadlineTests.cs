using System.Text;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Contracts.Watching.V1;
using Oversight.PortalSimulator;
using Oversight.Testing;

namespace Oversight.Watching.Tests;

/// <summary>
/// A watched report edited on its portal after the disclosure deadline (新荣区's report of this year, due April 1 next year):
/// the watcher fetches the changed page, ingestion keeps it as a new revision, and compliance shows what changed; a pass
/// that finds the page unchanged adds nothing. The watcher's clock is the test's, set next March and April, so its fetch
/// times say when each revision was seen; ahead of the real time, as the deadlines of its calls to the services must be.
/// </summary>
public sealed class WatchChangedAfterDeadlineTests
{
    private const string Before = "办理行政复议案件12件,提供法律援助86件。";
    private const string After = "办理行政复议案件15件,提供法律援助86件。";
    private const string Added = "四月补充公开了全年行政执法统计数据和重大行政决策目录。";
    private const string Sentence = "全面履行政府职能,深化行政审批制度改革,";

    [Fact]
    public async Task RunWatch_ArticleEditedAfterTheDeadline_NewRevisionWhoseCheckShowsTheChange()
    {
        var year = TimeProvider.System.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year;
        var clock = new RunningClock(new DateTimeOffset(year + 1, 3, 25, 10, 0, 0, TimeSpan.FromHours(8)));
        await using var simulator = await PortalSimulator.PortalSimulator.StartAsync(1);
        var portal = SimulatedPortals.Publish(simulator,
            [new PortalPlan(new SimulatedBody("140212", "新荣区"), PortalLayout.Trs, "utf-8",
                [new PlannedReport(year, "rule_of_law", new DateOnly(year + 1, 3, 20))], 3)])[0];
        await using var stack = await WatchStack.StartAsync(new Dictionary<string, string?>
        {
            ["Watching:Years:0"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Watching:RequestsPerSecondPerHost"] = "20",
        }, clock);
        await stack.ImportRegistryAsync("code,name,level,parent_code,kind,must_report,portal_columns\n"
            + $"140212,新荣区,county,140200,government,true,rule_of_law={portal.ColumnAddress.AbsoluteUri}\n");

        var first = await stack.Watching.RunWatchAsync(new RunWatchRequest { CodePrefix = "1402" });
        var article = portal.Host.Find(portal.Reports[0].Article.PathAndQuery, "")!;
        var page = Encoding.UTF8.GetString(article.Body);
        Assert.Contains(Before, page, StringComparison.Ordinal);
        article.Body = Encoding.UTF8.GetBytes(page.Replace(Before, After + Added, StringComparison.Ordinal));
        article.ETag = "\"edited\"";
        clock.Now = new DateTimeOffset(year + 1, 4, 5, 9, 30, 0, TimeSpan.FromHours(8));
        var second = await stack.Watching.RunWatchAsync(new RunWatchRequest { CodePrefix = "1402" });
        var third = await stack.Watching.RunWatchAsync(new RunWatchRequest { CodePrefix = "1402" });

        Assert.Equal((1, 1, 0), (first.Submitted, second.Submitted, third.Submitted));
        var report = (await stack.Ingestion.ListReportsAsync(new ListReportsRequest { Filter = new ReportFilter { JurisdictionPrefix = "1402" } }))
            .Reports.Single();
        var revisions = await stack.Ingestion.ListRevisionsAsync(new ListRevisionsRequest { ReportId = report.ReportId });
        Assert.Equal([2, 1], revisions.Revisions.Select(r => r.Revision));
        var findings = (await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = report.ReportId, Revision = 2 })).Findings;
        var changed = Assert.Single(findings, f => f.Code == "REPORT_CHANGED_AFTER_DEADLINE");
        Assert.Contains($"{year + 1}年4月5日 09:30 看到的内容与 {year + 1}年3月25日 10:00 看到的第 1 次修订相比,新增 2 句、删除 1 句", changed.Message,
            StringComparison.Ordinal);
        Assert.Equal([Sentence + After, Added], changed.Evidence.Where(e => e.ReportId.Length == 0).Select(e => e.Excerpt));
        Assert.Equal((report.ReportId, 1), changed.Evidence.Where(e => e.ReportId.Length > 0).Select(e => (e.ReportId, e.Revision)).Single());
        Assert.Equal(Sentence + Before, changed.Evidence.Single(e => e.ReportId.Length > 0).Excerpt);
    }
}
