using Oversight.Testing;
using Oversight.Contracts.Compliance.V1;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;

namespace Oversight.Compliance.Tests;

public sealed class RulePackTests
{
    private const string Shanxi =
        "packId: shanxi\nname: 山西省\nscopePrefix: \"14\"\nyearFrom: 2025\nsections:\n  - kind: highlights\n    missingSeverity: info\n";

    [Fact]
    public async Task ListRulePacks_FirstStart_TheShippedPacks()
    {
        await using var stack = await ComplianceStack.StartAsync();

        var packs = await stack.Compliance.ListRulePacksAsync(new ListRulePacksRequest());

        Assert.Equal([("national", 1, ""), ("national-disclosure", 1, ""), ("datong", 1, "1402")],
            packs.Packs.Select(p => (p.PackId, p.Version, p.ScopePrefix)));
        var datong = packs.Packs.Single(p => p.PackId == "datong");
        Assert.Equal(("suggestions", "warning"), (Assert.Single(datong.Sections).Kind, datong.Sections[0].MissingSeverity));
        var disclosure = packs.Packs[0].Deadlines.Single(d => d.Deadline == "disclosure");
        Assert.Equal((1, 4, 1, "error"), (disclosure.YearOffset, disclosure.Month, disclosure.Day, disclosure.Severity));
    }

    [Fact]
    public async Task UpsertRulePack_NewThenChangedThenSame_VersionsKept()
    {
        await using var stack = await ComplianceStack.StartAsync();

        var validated = await stack.Compliance.UpsertRulePackAsync(new UpsertRulePackRequest { Yaml = Shanxi, ValidateOnly = true });
        var afterValidate = await stack.Compliance.ListRulePacksAsync(new ListRulePacksRequest());
        var created = await stack.Compliance.UpsertRulePackAsync(new UpsertRulePackRequest { Yaml = Shanxi });
        var changed = created.Pack.Clone();
        changed.Sections[0].MissingSeverity = "warning";
        var updated = await stack.Compliance.UpsertRulePackAsync(new UpsertRulePackRequest { Pack = changed });
        var same = await stack.Compliance.UpsertRulePackAsync(new UpsertRulePackRequest { Pack = changed });
        var first = await stack.Compliance.GetRulePackAsync(new GetRulePackRequest { PackId = "shanxi", Version = 1 });
        var latest = await stack.Compliance.GetRulePackAsync(new GetRulePackRequest { PackId = "shanxi" });

        Assert.Equal("valid", validated.Outcome);
        Assert.Equal(3, afterValidate.Packs.Count);
        Assert.Equal([("created", 1), ("updated", 2), ("unchanged", 2)],
            new[] { (created.Outcome, created.Pack.Version), (updated.Outcome, updated.Pack.Version), (same.Outcome, same.Pack.Version) });
        Assert.Equal(("info", "warning"), (first.Sections[0].MissingSeverity, latest.Sections[0].MissingSeverity));
        Assert.StartsWith("anonymous@", latest.UpdatedBy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("packId: a\nname: x\nsections:\n  - kind: preface\n    missingSeverity: error", "preface")]
    [InlineData("packId: a\nname: x\ndeadlines:\n  - deadline: disclosure\n    yearOffset: 1\n    month: 4\n    day: 31\n    severity: error", "4月31日")]
    [InlineData("packId: datong-bis\nname: x\nscopePrefix: \"1402\"\nyearFrom: 2025", "datong")]
    [InlineData("packId: [", "YAML")]
    [InlineData("packId: a\nname: x\ntaskAreas:\n  required: [digital]\n  missingSeverity: warning", "digital")]
    public async Task UpsertRulePack_Invalid_InvalidArgumentAndNothingStored(string yaml, string mentioned)
    {
        await using var stack = await ComplianceStack.StartAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => stack.Compliance.UpsertRulePackAsync(new UpsertRulePackRequest { Yaml = yaml }).ResponseAsync);
        var packs = await stack.Compliance.ListRulePacksAsync(new ListRulePacksRequest());

        Assert.Equal((StatusCode.InvalidArgument, "PACK_INVALID"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Contains(mentioned, ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(3, packs.Packs.Count);
    }

    [Theory]
    [InlineData("", 0, StatusCode.InvalidArgument, "PACK_ID_MISSING")]
    [InlineData("national", -1, StatusCode.InvalidArgument, "VERSION_INVALID")]
    [InlineData("hebei", 0, StatusCode.NotFound, "PACK_NOT_FOUND")]
    [InlineData("national", 7, StatusCode.NotFound, "PACK_NOT_FOUND")]
    public async Task GetRulePack_BadRequest_Refused(string packId, int version, StatusCode code, string reason)
    {
        await using var stack = await ComplianceStack.StartAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            stack.Compliance.GetRulePackAsync(new GetRulePackRequest { PackId = packId, Version = version }).ResponseAsync);

        Assert.Equal((code, reason), (ex.StatusCode, ServiceError.ReasonOf(ex)));
    }

    // A province requiring task areas of the implementation outline: the pack round-trips through the service and a
    // report whose measures leave one out gets TASK_AREA_MISSING naming it.
    /// <summary>
    /// Two administrators read version 1 and edit it: the first saves version 2; the second, sending the version edited
    /// (expected_version 1), is refused rather than replacing the first's change, and nothing is stored. Sending the
    /// version now latest saves; a caller sending no expected_version replaces the latest as before; 0 means "new pack".
    /// </summary>
    [Fact]
    public async Task UpsertRulePack_ExpectedVersionNotLatest_FailedPreconditionNothingStored()
    {
        await using var stack = await ComplianceStack.StartAsync();
        var created = await stack.Compliance.UpsertRulePackAsync(new UpsertRulePackRequest { Yaml = Shanxi, ExpectedVersion = 0 });
        var first = created.Pack.Clone();
        first.Sections[0].MissingSeverity = "warning";
        var second = created.Pack.Clone();
        second.Sections[0].MissingSeverity = "error";

        var saved = await stack.Compliance.UpsertRulePackAsync(new UpsertRulePackRequest { Pack = first, ExpectedVersion = 1 });
        var stale = await Assert.ThrowsAsync<RpcException>(() =>
            stack.Compliance.UpsertRulePackAsync(new UpsertRulePackRequest { Pack = second, ExpectedVersion = 1 }).ResponseAsync);
        var staleCheck = await Assert.ThrowsAsync<RpcException>(() =>
            stack.Compliance.UpsertRulePackAsync(new UpsertRulePackRequest { Pack = second, ExpectedVersion = 1, ValidateOnly = true }).ResponseAsync);
        var afterRefusal = await stack.Compliance.GetRulePackAsync(new GetRulePackRequest { PackId = "shanxi" });
        var notNew = await Assert.ThrowsAsync<RpcException>(() =>
            stack.Compliance.UpsertRulePackAsync(new UpsertRulePackRequest { Yaml = Shanxi, ExpectedVersion = 0 }).ResponseAsync);
        var rebased = await stack.Compliance.UpsertRulePackAsync(new UpsertRulePackRequest { Pack = second, ExpectedVersion = 2 });
        first.Sections[0].MissingSeverity = "info";
        var unversioned = await stack.Compliance.UpsertRulePackAsync(new UpsertRulePackRequest { Pack = first });

        Assert.Equal(("created", 1, "updated", 2), (created.Outcome, created.Pack.Version, saved.Outcome, saved.Pack.Version));
        foreach (var ex in new[] { stale, staleCheck, notNew })
        {
            Assert.Equal((StatusCode.FailedPrecondition, "PACK_VERSION_MISMATCH"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
            Assert.Contains("请重新读取规则包", ex.Status.Detail, StringComparison.Ordinal);
        }
        Assert.Contains("第 1 版,现在最新为第 2 版", stale.Status.Detail, StringComparison.Ordinal);
        Assert.Equal((2, "warning"), (afterRefusal.Version, afterRefusal.Sections[0].MissingSeverity));
        Assert.Equal(("updated", 3, "error"), (rebased.Outcome, rebased.Pack.Version, rebased.Pack.Sections[0].MissingSeverity));
        Assert.Equal(("updated", 4), (unversioned.Outcome, unversioned.Pack.Version));
    }

    [Fact]
    public async Task UpsertRulePack_RequiringTaskAreas_CheckNamesTheAreaNotCovered()
    {
        await using var stack = await ComplianceStack.StartAsync();
        const string Pack =
            "packId: shanxi-areas\nname: 山西省纲要任务\nscopePrefix: \"14\"\nyearFrom: 2021\ntaskAreas:\n  required: [digital_government]\n" +
            "  missingSeverity: warning\n";

        await stack.Compliance.UpsertRulePackAsync(new UpsertRulePackRequest { Yaml = Pack });
        var stored = await stack.Compliance.GetRulePackAsync(new GetRulePackRequest { PackId = "shanxi-areas" });
        var submitted = await stack.SubmitAsync(SampleReports.Hunyuan);
        var findings = (await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = submitted.ReportId })).Findings;

        Assert.Equal(["digital_government"], stored.TaskAreas.Required);
        var missing = Assert.Single(findings, f => f.Code == "TASK_AREA_MISSING");
        Assert.Equal(("warning", "shanxi-areas"), (missing.Severity, missing.RulePackId));
        Assert.Contains("数字法治政府", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertRulePack_DeeplyNestedYaml_RefusedAtOnceWithAReason()
    {
        await using var stack = await ComplianceStack.StartAsync();
        // The attack: 1 MB of nesting under a key the reader skips; it kept a core busy for minutes past a 20 s deadline.
        var yaml = "packId: deep\nname: 深\nextra: " + new string('[', 400_000) + new string(']', 400_000) + "\n";
        var started = System.Diagnostics.Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            stack.Compliance.UpsertRulePackAsync(new UpsertRulePackRequest { Yaml = yaml }, deadline: DateTime.UtcNow.AddSeconds(20)).ResponseAsync);
        var packs = await stack.Compliance.ListRulePacksAsync(new ListRulePacksRequest());

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("PACK_YAML_TOO_DEEP", ServiceError.ReasonOf(ex));
        Assert.InRange(started.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(packs.Packs, p => p.PackId == "deep");
    }

    [Fact]
    public async Task UpsertRulePack_MessageWithAHundredThousandRules_RefusedWithAShortMessage()
    {
        await using var stack = await ComplianceStack.StartAsync();
        var pack = new RulePack { PackId = "wide", Name = "宽" };
        pack.Sections.AddRange(Enumerable.Range(0, 100_000).Select(i => new SectionRule { Kind = $"k{i}", MissingSeverity = "error" }));

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            stack.Compliance.UpsertRulePackAsync(new UpsertRulePackRequest { Pack = pack }, deadline: DateTime.UtcNow.AddSeconds(20)).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, "PACK_YAML_TOO_MANY_NODES"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.InRange(ex.Status.Detail.Length, 1, 1000);
    }

    [Fact]
    public async Task UpsertRulePack_ThousandsOfUnknownSections_FirstProblemsListedTheRestCounted()
    {
        await using var stack = await ComplianceStack.StartAsync();
        var yaml = "packId: many\nname: 多\nsections:\n" + string.Concat(Enumerable.Range(0, 1000).Select(i => $"  - kind: k{i}\n    missingSeverity: error\n"));

        var ex = await Assert.ThrowsAsync<RpcException>(() => stack.Compliance.UpsertRulePackAsync(new UpsertRulePackRequest { Yaml = yaml }).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, "PACK_INVALID"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Matches(@"另有 9\d\d 个问题未列出", ex.Status.Detail);
        Assert.InRange(ex.Status.Detail.Length, 1, 8000);
    }

    [Fact]
    public async Task UpsertRulePack_NothingGiven_InvalidArgument()
    {
        await using var stack = await ComplianceStack.StartAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => stack.Compliance.UpsertRulePackAsync(new UpsertRulePackRequest()).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, "PACK_MISSING"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
    }
}
