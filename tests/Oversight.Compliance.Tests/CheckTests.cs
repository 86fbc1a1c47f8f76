using Oversight.Contracts.Compliance.V1;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.Testing;

namespace Oversight.Compliance.Tests;

public sealed class CheckTests
{
    private static string Describe(Finding f) => f.SectionKind.Length == 0 ? f.Code : $"{f.Code}({f.SectionKind})";

    [Fact]
    public async Task CheckReport_FiveSeeds_ExactlyTheExpectedFindingsWithTheirPacks()
    {
        await using var stack = await ComplianceStack.StartAsync();
        var expected = new Dictionary<string, string[]>
        {
            [SampleReports.Hunyuan] = ["SHORTFALLS_WITHOUT_CAUSES(shortfalls)"],
            [SampleReports.Pulan] = ["DOCUMENT_DATED_WITHIN_REPORT_YEAR", "SECTION_MISSING(first_responsible)", "SECTION_MISSING(other_matters)",
                "SHORTFALLS_WITHOUT_CAUSES(shortfalls)"],
            [SampleReports.Yungang] = [],
            [SampleReports.Fenxi] = ["DISCLOSURE_DATE_UNKNOWN", "SECTION_MISSING(other_matters)", "SECTION_NOT_DEDICATED(first_responsible)",
                "SHORTFALLS_WITHOUT_CAUSES(shortfalls)"],
            [SampleReports.YungangTown] = ["DISCLOSURE_DATE_UNKNOWN"],
        };

        foreach (var (seed, codes) in expected)
        {
            var submitted = await stack.SubmitAsync(seed);
            var checkedReport = await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = submitted.ReportId });

            Assert.Equal(codes, checkedReport.Findings.Select(Describe).Order(StringComparer.Ordinal));
            Assert.Equal("checked", checkedReport.Outcome);
            Assert.All(checkedReport.Findings, f => Assert.Equal(("national", 1, "open"), (f.RulePackId, f.RulePackVersion, f.Status)));
            Assert.All(checkedReport.Findings, f => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", f.Message));
        }
    }

    [Fact]
    public async Task CheckReport_Pulan_SeveritiesAndEvidence()
    {
        await using var stack = await ComplianceStack.StartAsync();
        var submitted = await stack.SubmitAsync(SampleReports.Pulan);

        var findings = (await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = submitted.ReportId })).Findings;

        Assert.Equal("error", findings.Single(f => f.SectionKind == "first_responsible").Severity);
        Assert.Equal("warning", findings.Single(f => f.SectionKind == "other_matters").Severity);
        var early = findings.Single(f => f.Code == "DOCUMENT_DATED_WITHIN_REPORT_YEAR");
        Assert.Equal(("info", "documentDate"), (early.Severity, Assert.Single(early.Evidence).Field));
        var causes = findings.Single(f => f.Code == "SHORTFALLS_WITHOUT_CAUSES");
        Assert.NotEmpty(causes.Evidence);
        Assert.Equal(("542521", "普兰县", 2025), (causes.JurisdictionCode, causes.JurisdictionName, causes.ReportYear));
    }

    [Fact]
    public async Task CheckReport_Again_UnchangedWithTheSameFindingIds()
    {
        await using var stack = await ComplianceStack.StartAsync();
        var submitted = await stack.SubmitAsync(SampleReports.Fenxi);

        var first = await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = submitted.ReportId });
        var again = await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = submitted.ReportId, Revision = 1 });
        var listed = await stack.Compliance.ListFindingsAsync(new ListFindingsRequest { ReportId = submitted.ReportId });

        Assert.Equal("unchanged", again.Outcome);
        Assert.Equal(first.Findings.Select(f => f.FindingId).Order(), again.Findings.Select(f => f.FindingId).Order());
        Assert.Equal(4, listed.Findings.Count);
    }

    [Fact]
    public async Task CheckReport_SuppliedCodeThePageContradicts_JurisdictionMismatchNamingBoth()
    {
        await using var stack = await ComplianceStack.StartAsync();
        var submitted = await stack.Ingestion.SubmitReportAsync(new Oversight.Contracts.Ingestion.V1.SubmitReportRequest
        {
            Content = Google.Protobuf.ByteString.CopyFrom(SampleReports.Bytes(SampleReports.Hunyuan)),
            JurisdictionCode = "140728",
        });

        var findings = (await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = submitted.ReportId })).Findings;

        var mismatch = Assert.Single(findings, f => f.Code == "JURISDICTION_MISMATCH");
        Assert.Equal(("warning", "jurisdictionCode"), (mismatch.Severity, Assert.Single(mismatch.Evidence).Field));
        Assert.Contains("140728", mismatch.Message, StringComparison.Ordinal);
        Assert.Contains("浑源县", mismatch.Message, StringComparison.Ordinal);
        var listed = await stack.Compliance.ListFindingsAsync(new ListFindingsRequest { Code = "JURISDICTION_MISMATCH" });
        Assert.Single(listed.Findings);
    }

    [Fact]
    public async Task CheckReport_CallerSuppliedLateDate_DisclosureLate()
    {
        await using var stack = await ComplianceStack.StartAsync();
        var submitted = await stack.SubmitAsync(SampleReports.YungangTown, publishedAt: new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(8)));

        var findings = (await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = submitted.ReportId })).Findings;

        var late = Assert.Single(findings);
        Assert.Equal(("DISCLOSURE_LATE", "error", "publishedAt"), (late.Code, late.Severity, Assert.Single(late.Evidence).Field));
    }

    [Theory]
    [InlineData("", 0, StatusCode.InvalidArgument, "REPORT_ID_MISSING")]
    [InlineData("r", -1, StatusCode.InvalidArgument, "REVISION_INVALID")]
    [InlineData("no-such-report", 0, StatusCode.NotFound, "REPORT_NOT_FOUND")]
    public async Task CheckReport_BadRequest_RefusedWithReason(string reportId, int revision, StatusCode code, string reason)
    {
        await using var stack = await ComplianceStack.StartAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = reportId, Revision = revision }).ResponseAsync);

        Assert.Equal((code, reason), (ex.StatusCode, ServiceError.ReasonOf(ex)));
    }

    [Fact]
    public async Task CheckReport_IngestionDown_UnavailableAndNothingStored()
    {
        await using var stack = await ComplianceStack.StartAsync();
        var submitted = await stack.SubmitAsync(SampleReports.Hunyuan);
        await stack.IngestionHost.App.StopAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = submitted.ReportId }).ResponseAsync);
        var listed = await stack.Compliance.ListFindingsAsync(new ListFindingsRequest { ReportId = submitted.ReportId });

        Assert.Equal((StatusCode.Unavailable, "INGESTION_UNAVAILABLE"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Empty(listed.Findings);
    }
}

public sealed class SweepFailureTests
{
    [Fact]
    public async Task RunSweep_IngestionDown_UnavailableAndTheRunRecordedAsFailed()
    {
        await using var stack = await ComplianceStack.StartAsync();
        await stack.IngestionHost.App.StopAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = stack.Compliance.RunSweep(new RunSweepRequest { ReportYear = 2025, ScopePrefix = "1402" });
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
            }
        });
        var sweeps = await stack.Compliance.ListSweepsAsync(new ListSweepsRequest());

        Assert.Equal((StatusCode.Unavailable, "INGESTION_UNAVAILABLE"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Equal("failed", Assert.Single(sweeps.Sweeps).Status);
    }
}
