using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Oversight.ServiceDefaults.Errors;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Testing;

namespace Oversight.Compliance.Tests;

/// <summary>Copy detection through the real hosts: ingestion stores the reports, compliance reads, indexes and checks them.</summary>
public class ReuseCheckTests
{
    private const string OtherBody = "TEXT_REUSED_FROM_OTHER_BODY";
    private const string LastYear = "TEXT_REUSED_FROM_LAST_YEAR";

    private static string Copy(string seed, string from, string to) =>
        ReportEdits.ChangeWords(ReportEdits.ReorderParagraphs(ReportEdits.ChangeFigures(ReportEdits.Rename(SampleReports.Text(seed), from, to))));

    // 灵丘县 copies 浑源县's report with edits. Checked second, it is flagged with the passages of both; 浑源县, checked
    // first, is flagged too once the copy arrives (who copied whom is for the office to judge).
    [Fact]
    public async Task CheckReport_CopyOfAnotherBodysReport_BothFlaggedWithPassagesOfBoth()
    {
        await using var stack = await ComplianceStack.StartAsync();
        var original = await stack.SubmitAsync(SampleReports.Hunyuan);
        var copy = await stack.SubmitAsync("", Copy(SampleReports.Hunyuan, "浑源", "灵丘"));

        var first = await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = original.ReportId });
        var second = await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = copy.ReportId });
        var originalNow = await Findings(stack, original.ReportId);

        Assert.Equal("140224", copy.Metadata.JurisdictionCode);
        Assert.DoesNotContain(first.Findings, f => f.Code is OtherBody or LastYear);
        var finding = Assert.Single(second.Findings, f => f.Code == OtherBody);
        Assert.Equal("warning", finding.Severity);
        Assert.Contains($"浑源县(140225)2025年度报告 {original.ReportId}", finding.Message, StringComparison.Ordinal);
        var mine = finding.Evidence.Where(e => e.ReportId.Length == 0).ToList();
        var theirs = finding.Evidence.Where(e => e.ReportId == original.ReportId).ToList();
        Assert.Equal(10, mine.Count);
        Assert.Equal(mine.Count, theirs.Count);
        Assert.All(theirs, e => Assert.Equal(1, e.Revision));
        var back = Assert.Single(originalNow, f => f.Code == OtherBody);
        Assert.Contains($"灵丘县(140224)2025年度报告 {copy.ReportId}", back.Message, StringComparison.Ordinal);
    }

    // Reports checked before copy detection existed are not in the index: the next sweep reads them once more and
    // indexes them, and the copy between them is found.
    [Fact]
    public async Task RunSweep_ChecksStoredBeforeTheIndex_IndexedAndTheCopyFound()
    {
        await using var stack = await ComplianceStack.StartAsync();
        var original = await stack.SubmitAsync(SampleReports.Hunyuan);
        var copy = await stack.SubmitAsync("", Copy(SampleReports.Hunyuan, "浑源", "灵丘"));
        await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = original.ReportId });
        await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = copy.ReportId });
        var database = stack.Services.GetRequiredService<Oversight.Storage.Database>();
        await database.RunAsync(async (connection, token) =>
        {
            foreach (var table in (string[])["reuse_keys", "reuse_passages", "reuse_reports", "reuse_common"])
            {
                await Dapper.SqlMapper.ExecuteAsync(connection, $"DELETE FROM {table}");
            }
            return await Dapper.SqlMapper.ExecuteAsync(connection, "DELETE FROM findings WHERE code LIKE 'TEXT_REUSED%'");
        }, CancellationToken.None);

        using var call = stack.Compliance.RunSweep(new RunSweepRequest
        {
            ReportYear = 2025, AsOf = new Oversight.Contracts.Common.V1.Date { Year = 2026, Month = 1, Day = 5 }, ScopePrefix = "1402",
        });
        await foreach (var _ in call.ResponseStream.ReadAllAsync())
        {
        }
        var warm = stack.Compliance.RunSweep(new RunSweepRequest
        {
            ReportYear = 2025, AsOf = new Oversight.Contracts.Common.V1.Date { Year = 2026, Month = 1, Day = 5 }, ScopePrefix = "1402",
        });
        Sweep? second = null;
        await foreach (var item in warm.ResponseStream.ReadAllAsync())
        {
            second = item.Completed ?? second;
        }

        Assert.Single(await Findings(stack, copy.ReportId), f => f.Code == OtherBody);
        Assert.Single(await Findings(stack, original.ReportId), f => f.Code == OtherBody);
        Assert.Equal(2, second!.Summary.ReportsChecked);
    }

    // The copy is replaced by a report of its own: the match is withdrawn from the original as well.
    [Fact]
    public async Task CheckReport_CopyRevisedWithOwnText_FindingWithdrawnFromBoth()
    {
        await using var stack = await ComplianceStack.StartAsync();
        var original = await stack.SubmitAsync(SampleReports.Hunyuan);
        var copy = await stack.SubmitAsync("", Copy(SampleReports.Hunyuan, "浑源", "灵丘"));
        await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = original.ReportId });
        await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = copy.ReportId });

        var own = SampleReports.Text(SampleReports.Pulan).Replace("普兰县", "灵丘县", StringComparison.Ordinal).Replace("普兰", "灵丘", StringComparison.Ordinal);
        var revised = await stack.Ingestion.SubmitReportAsync(new SubmitReportRequest
        {
            Content = ByteString.CopyFromUtf8(own), JurisdictionCode = "140224", ReportYear = 2025,
        });
        var recheck = await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = revised.ReportId });

        Assert.Equal((copy.ReportId, 2), (revised.ReportId, revised.Revision));
        Assert.DoesNotContain(recheck.Findings, f => f.Code == OtherBody);
        Assert.DoesNotContain(await Findings(stack, original.ReportId), f => f.Code == OtherBody);
    }

    [Fact]
    public async Task CheckReport_LastYearsReportWithNewFigures_FlaggedAsReusedFromLastYear()
    {
        await using var stack = await ComplianceStack.StartAsync();
        var text = SampleReports.Text(SampleReports.Hunyuan);
        var lastYear = ReportEdits.ChangeFigures(text.Replace("2025", "2024", StringComparison.Ordinal).Replace("2026", "2025", StringComparison.Ordinal));
        var before = await stack.SubmitAsync("", lastYear);
        var current = await stack.SubmitAsync(SampleReports.Hunyuan);

        await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = before.ReportId });
        var checkedNow = await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = current.ReportId });

        Assert.Equal((2024, 2025), (before.Metadata.ReportYear, current.Metadata.ReportYear));
        var finding = Assert.Single(checkedNow.Findings, f => f.Code == LastYear);
        Assert.Contains($"本机关2024年度报告 {before.ReportId}", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await Findings(stack, before.ReportId), f => f.Code is OtherBody or LastYear);
    }

    // Five real reports of four bodies in one style: none is flagged.
    [Fact]
    public async Task CheckReport_UnrelatedSeeds_NoneFlagged()
    {
        await using var stack = await ComplianceStack.StartAsync();
        var findings = new List<Finding>();
        foreach (var seed in SampleReports.All)
        {
            var submitted = await stack.SubmitAsync(seed);
            findings.AddRange((await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = submitted.ReportId })).Findings);
        }

        Assert.DoesNotContain(findings, f => f.Code is OtherBody or LastYear);
    }

    // A province that tolerates no copying at all from last year, and does not look at other bodies.
    [Fact]
    public async Task UpsertRulePack_ReuseThresholds_RoundTripAndApply()
    {
        await using var stack = await ComplianceStack.StartAsync();
        await stack.Compliance.UpsertRulePackAsync(new UpsertRulePackRequest
        {
            Yaml = "packId: shanxi-reuse\nname: 山西省\nscopePrefix: \"14\"\ntextReuse:\n  otherBodyShare: 0\n  lastYearShare: 0.2\n  minPassages: 3\n" +
                "  severity: error\n",
        });
        var stored = await stack.Compliance.GetRulePackAsync(new GetRulePackRequest { PackId = "shanxi-reuse" });
        var original = await stack.SubmitAsync(SampleReports.Hunyuan);
        var copy = await stack.SubmitAsync("", Copy(SampleReports.Hunyuan, "浑源", "灵丘"));
        await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = original.ReportId });

        var findings = (await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = copy.ReportId })).Findings;

        Assert.Equal((0.0, 0.2, 3, "error", "rule_of_law"),
            (stored.TextReuse.OtherBodyShare, stored.TextReuse.LastYearShare, stored.TextReuse.MinPassages, stored.TextReuse.Severity, stored.ReportType));
        Assert.DoesNotContain(findings, f => f.Code == OtherBody);
    }

    [Theory]
    [InlineData("textReuse:\n  otherBodyShare: 1.5\n  minPassages: 3\n  severity: warning", "otherBodyShare")]
    [InlineData("textReuse:\n  otherBodyShare: 0.3\n  minPassages: 0\n  severity: warning", "minPassages")]
    [InlineData("textReuse:\n  otherBodyShare: 0.3\n  minPassages: 3\n  severity: fatal", "textReuse.severity")]
    [InlineData("reportType: budget", "reportType")]
    public async Task UpsertRulePack_InvalidReuseOrType_InvalidArgumentNamingTheField(string rule, string field)
    {
        await using var stack = await ComplianceStack.StartAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            stack.Compliance.UpsertRulePackAsync(new UpsertRulePackRequest { Yaml = $"packId: bad\nname: 坏\nscopePrefix: \"14\"\n{rule}\n" }).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, "PACK_INVALID"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Contains(field, ex.Status.Detail, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<Finding>> Findings(ComplianceStack stack, string reportId) =>
        (await stack.Compliance.ListFindingsAsync(new ListFindingsRequest { ReportId = reportId })).Findings;
}
