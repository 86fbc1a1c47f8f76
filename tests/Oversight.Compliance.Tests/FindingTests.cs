using Oversight.Contracts.Compliance.V1;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.Testing;

namespace Oversight.Compliance.Tests;

public sealed class FindingTests
{
    [Fact]
    public async Task WaiveThenReopen_StatusFollowsAndEveryActionIsKept()
    {
        await using var stack = await ComplianceStack.StartAsync();
        var submitted = await stack.SubmitAsync(SampleReports.Fenxi);
        var finding = (await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = submitted.ReportId })).Findings.Single(f =>
            f.Code == "DISCLOSURE_DATE_UNKNOWN");

        var waived = await stack.Compliance.WaiveFindingAsync(new WaiveFindingRequest { FindingId = finding.FindingId, Reason = "县政府网站原文页面显示 2025-03-20 发布" });
        var reopened = await stack.Compliance.ReopenFindingAsync(new ReopenFindingRequest { FindingId = finding.FindingId, Reason = "原文页面已无法访问" });
        var fetched = await stack.Compliance.GetFindingAsync(new GetFindingRequest { FindingId = finding.FindingId });

        Assert.Equal("waived", waived.Status);
        Assert.Equal("open", reopened.Status);
        Assert.Equal([("waive", "县政府网站原文页面显示 2025-03-20 发布"), ("reopen", "原文页面已无法访问")], fetched.History.Select(h => (h.Action, h.Reason)));
        Assert.All(fetched.History, h => Assert.StartsWith("anonymous@", h.Actor, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Waive_SurvivesARecheckWithNewPacks()
    {
        await using var stack = await ComplianceStack.StartAsync();
        var submitted = await stack.SubmitAsync(SampleReports.Fenxi);
        var finding = (await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = submitted.ReportId })).Findings.Single(f =>
            f.Code == "SHORTFALLS_WITHOUT_CAUSES");
        await stack.Compliance.WaiveFindingAsync(new WaiveFindingRequest { FindingId = finding.FindingId, Reason = "原因在附件中说明" });
        await stack.Compliance.UpsertRulePackAsync(new UpsertRulePackRequest
        {
            Yaml = "packId: linfen\nname: 临汾市\nscopePrefix: \"1410\"\nsections:\n  - kind: highlights\n    missingSeverity: info",
        });

        var rechecked = await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = submitted.ReportId });

        Assert.Equal("rechecked", rechecked.Outcome);
        var kept = rechecked.Findings.Single(f => f.Code == "SHORTFALLS_WITHOUT_CAUSES");
        Assert.Equal((finding.FindingId, "waived"), (kept.FindingId, kept.Status));
        var added = rechecked.Findings.Single(f => f.SectionKind == "highlights");
        Assert.Equal(("SECTION_MISSING", "info", "linfen", 1), (added.Code, added.Severity, added.RulePackId, added.RulePackVersion));
    }

    [Fact]
    public async Task Waive_PackEditedSoTheRuleGoesAndComesBack_FindingKeptWithItsHistory()
    {
        await using var stack = await ComplianceStack.StartAsync();
        var submitted = await stack.SubmitAsync(SampleReports.Fenxi);
        const string Pack = "packId: linfen\nname: 临汾市\nscopePrefix: \"1410\"\nsections:\n  - kind: {0}\n    missingSeverity: info";
        await stack.Compliance.UpsertRulePackAsync(
            new UpsertRulePackRequest { Yaml = string.Format(System.Globalization.CultureInfo.InvariantCulture, Pack, "highlights") });
        var finding = (await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = submitted.ReportId })).Findings.Single(f =>
            f.SectionKind == "highlights");
        await stack.Compliance.WaiveFindingAsync(new WaiveFindingRequest { FindingId = finding.FindingId, Reason = "亮点工作不作要求" });

        await stack.Compliance.UpsertRulePackAsync(
            new UpsertRulePackRequest { Yaml = string.Format(System.Globalization.CultureInfo.InvariantCulture, Pack, "measures") });
        await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = submitted.ReportId });
        var meanwhile = await stack.Compliance.GetFindingAsync(new GetFindingRequest { FindingId = finding.FindingId });
        await stack.Compliance.UpsertRulePackAsync(
            new UpsertRulePackRequest { Yaml = string.Format(System.Globalization.CultureInfo.InvariantCulture, Pack, "highlights") });
        var back = (await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = submitted.ReportId })).Findings.Single(f =>
            f.SectionKind == "highlights");

        Assert.Equal(("waived", "亮点工作不作要求"), (meanwhile.Status, meanwhile.History.Single().Reason));
        Assert.Equal((finding.FindingId, "waived"), (back.FindingId, back.Status));
    }

    [Theory]
    [InlineData("", "理由", StatusCode.InvalidArgument, "FINDING_ID_MISSING")]
    [InlineData("f_nope", "理由", StatusCode.NotFound, "FINDING_NOT_FOUND")]
    [InlineData("existing", " ", StatusCode.InvalidArgument, "REASON_MISSING")]
    public async Task Waive_BadRequest_RefusedAndNothingChanged(string findingId, string reason, StatusCode code, string expectedReason)
    {
        await using var stack = await ComplianceStack.StartAsync();
        var submitted = await stack.SubmitAsync(SampleReports.YungangTown);
        var finding = Assert.Single((await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = submitted.ReportId })).Findings);

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            stack.Compliance.WaiveFindingAsync(new WaiveFindingRequest { FindingId = findingId == "existing" ? finding.FindingId : findingId, Reason = reason })
            .ResponseAsync);
        var after = await stack.Compliance.GetFindingAsync(new GetFindingRequest { FindingId = finding.FindingId });

        Assert.Equal((code, expectedReason), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Equal(("open", 0), (after.Status, after.History.Count));
    }

    [Fact]
    public async Task WaiveTwice_FailedPrecondition()
    {
        await using var stack = await ComplianceStack.StartAsync();
        var submitted = await stack.SubmitAsync(SampleReports.YungangTown);
        var finding = Assert.Single((await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = submitted.ReportId })).Findings);
        await stack.Compliance.WaiveFindingAsync(new WaiveFindingRequest { FindingId = finding.FindingId, Reason = "已核实" });

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            stack.Compliance.WaiveFindingAsync(new WaiveFindingRequest { FindingId = finding.FindingId, Reason = "再次" }).ResponseAsync);
        var reopenOpen = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await stack.Compliance.ReopenFindingAsync(new ReopenFindingRequest { FindingId = finding.FindingId, Reason = "重开" });
            await stack.Compliance.ReopenFindingAsync(new ReopenFindingRequest { FindingId = finding.FindingId, Reason = "再重开" });
        });

        Assert.Equal((StatusCode.FailedPrecondition, "FINDING_ALREADY_WAIVED"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Equal((StatusCode.FailedPrecondition, "FINDING_ALREADY_OPEN"), (reopenOpen.StatusCode, ServiceError.ReasonOf(reopenOpen)));
    }

    [Fact]
    public async Task ListFindings_FiltersAndPages_EveryFindingOnce()
    {
        await using var stack = await ComplianceStack.StartAsync();
        foreach (var seed in SampleReports.All)
        {
            var submitted = await stack.SubmitAsync(seed);
            await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = submitted.ReportId });
        }

        var seen = new List<string>();
        var token = "";
        do
        {
            var page = await stack.Compliance.ListFindingsAsync(new ListFindingsRequest { PageSize = 3, PageToken = token });
            seen.AddRange(page.Findings.Select(f => f.FindingId));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        var warnings2025 = await stack.Compliance.ListFindingsAsync(new ListFindingsRequest { ReportYear = 2025, Severity = "warning" });
        var datong = await stack.Compliance.ListFindingsAsync(new ListFindingsRequest { JurisdictionPrefix = "1402", Code = "DISCLOSURE_DATE_UNKNOWN" });

        Assert.Equal(10, seen.Count);
        Assert.Equal(10, seen.Distinct().Count());
        Assert.Equal(4, warnings2025.Findings.Count);
        Assert.Equal("140214102", Assert.Single(datong.Findings).JurisdictionCode);
    }

    [Theory]
    [InlineData("14x", 0, "", "", "", "", "jurisdiction_prefix")]
    [InlineData("", 1999, "", "", "", "", "report_year")]
    [InlineData("", 0, "SECTION_GONE", "", "", "", "SECTION_GONE")]
    [InlineData("", 0, "", "fatal", "", "", "fatal")]
    [InlineData("", 0, "", "", "closed", "", "closed")]
    [InlineData("", 0, "", "", "", "not-a-token", "page_token")]
    public async Task ListFindings_BadFilter_InvalidArgument(string prefix, int year, string code, string severity, string status, string token,
        string mentioned)
    {
        await using var stack = await ComplianceStack.StartAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => stack.Compliance.ListFindingsAsync(new ListFindingsRequest
        {
            JurisdictionPrefix = prefix, ReportYear = year, Code = code, Severity = severity, Status = status, PageToken = token,
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(mentioned, ex.Status.Detail, StringComparison.Ordinal);
    }
}
