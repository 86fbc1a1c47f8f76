using Oversight.Analysis.Rules;
using Oversight.Vocabulary;

namespace Oversight.Analysis.Tests;

public class RulePackTests
{
    private static RulePack Pack(string id = "shanxi", string prefix = "14", int from = 2024, int to = 0) =>
        new(id, 1, "山西省", "", prefix, from, to, [new SectionRule("suggestions", "error", "")], "", [], null);

    [Fact]
    public void Shipped_NationalDatongAndDisclosure_ValidAndNotOverlapping()
    {
        foreach (var pack in RulePackYaml.Shipped)
        {
            Assert.Empty(RulePackValidation.Problems(pack, RulePackYaml.Shipped));
        }
        Assert.Equal([("national", "rule_of_law"), ("datong", "rule_of_law"), ("national-disclosure", "information_disclosure")],
            RulePackYaml.Shipped.Select(p => (p.PackId, p.Type)));
    }

    [Fact]
    public void For_CityOverProvinceOverNational_MostSpecificWinsPerRule()
    {
        var province = Pack() with { Sections = [new SectionRule("suggestions", "error", ""), new SectionRule("other_matters", "error", "")] };

        var rules = EffectiveRules.For([.. RulePackYaml.Shipped, province], "140214", 2025);

        Assert.Equal(("warning", "datong"), (rules.Sections["suggestions"].Rule.MissingSeverity, rules.Sections["suggestions"].Pack.PackId));
        Assert.Equal(("error", "shanxi"), (rules.Sections["other_matters"].Rule.MissingSeverity, rules.Sections["other_matters"].Pack.PackId));
        Assert.Equal("national", rules.Sections["measures"].Pack.PackId);
        Assert.False(EffectiveRules.For([.. RulePackYaml.Shipped, province], "542521", 2025).Sections.ContainsKey("suggestions"));
        Assert.False(EffectiveRules.For([.. RulePackYaml.Shipped, province], "140214", 2023).Sections.ContainsKey("suggestions")); // both start in 2024
    }

    [Theory]
    [InlineData("packId: Bad Id\nname: x", "packId")]
    [InlineData("packId: a\nname: x\nsections:\n  - kind: preface\n    missingSeverity: error", "preface")]
    [InlineData("packId: a\nname: x\nsections:\n  - kind: measures\n    missingSeverity: fatal", "fatal")]
    [InlineData("packId: a\nname: x\ndeadlines:\n  - deadline: disclosure\n    yearOffset: 1\n    month: 2\n    day: 30\n    severity: error", "2月30日")]
    [InlineData("packId: a\nname: x\nyearFrom: 2026\nyearTo: 2024", "yearFrom")]
    [InlineData("packId: a\nname: x\nscopePrefix: 14x", "scopePrefix")]
    [InlineData("packId: a\nname: x\ndeadlines:\n  - deadline: publish\n    month: 4\n    day: 1", "publish")]
    public void Problems_InvalidPack_NamesWhatToFix(string yaml, string mentioned)
    {
        var problems = RulePackValidation.Problems(RulePackYaml.Parse(yaml), []);

        Assert.Contains(problems, p => p.Contains(mentioned, StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_SamePrefixAndOverlappingYears_Refused()
    {
        var problems = RulePackValidation.Problems(Pack("datong-bis", "1402", 2025, 2026), RulePackYaml.Shipped);

        Assert.Contains(problems, p => p.Contains("重叠", StringComparison.Ordinal) && p.Contains("datong", StringComparison.Ordinal));
        Assert.Empty(RulePackValidation.Problems(Pack("datong-old", "1402", 2020, 2023), RulePackYaml.Shipped));
    }

    [Fact]
    public void Write_ThenParse_SamePack()
    {
        foreach (var pack in RulePackYaml.Shipped)
        {
            var again = RulePackYaml.Parse(RulePackYaml.Write(pack));
            Assert.Equal(RulePackYaml.Write(pack), RulePackYaml.Write(again));
            Assert.Equal(pack.Sections, again.Sections);
        }
    }

    [Fact]
    public void Parse_NotYaml_RulePackException()
    {
        Assert.Throws<RulePackException>(() => RulePackYaml.Parse("packId: [unclosed"));
    }

    // An unknown key is skipped by the reader, so only a bound on the events themselves stops a hostile nesting.
    private static string Nested(int depth) => "packId: deep\nname: x\nextra: " + new string('[', depth - 1) + new string(']', depth - 1) + "\n";

    [Fact]
    public void Parse_NestedDeeperThanTheBound_RefusedWithItsReason()
    {
        var ex = Assert.Throws<RulePackException>(() => RulePackYaml.Parse(Nested(RulePackYaml.MaxDepth + 1)));

        Assert.Equal(Reasons.PackYamlTooDeep, ex.Reason);
        Assert.Contains("32 层", ex.Problems[0], StringComparison.Ordinal);
        Assert.Equal("deep", RulePackYaml.Parse(Nested(RulePackYaml.MaxDepth)).PackId);
    }

    [Fact]
    public void Parse_HostileNesting_RefusedWithoutReadingItAll()
    {
        // The attack: a 1 MB pack of brackets kept a core busy for minutes.
        var started = System.Diagnostics.Stopwatch.StartNew();

        var ex = Assert.Throws<RulePackException>(() => RulePackYaml.Parse(Nested(500_000)));

        Assert.Equal(Reasons.PackYamlTooDeep, ex.Reason);
        Assert.InRange(started.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Parse_MoreNodesThanTheBound_RefusedWithItsReason()
    {
        var yaml = "packId: wide\nname: x\nextra: [" + string.Concat(Enumerable.Repeat("1,", RulePackYaml.MaxNodes)) + "1]\n";

        var ex = Assert.Throws<RulePackException>(() => RulePackYaml.Parse(yaml));

        Assert.Equal(Reasons.PackYamlTooManyNodes, ex.Reason);
    }

    [Fact]
    public void Parse_Cancelled_Stops()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => RulePackYaml.Parse(RulePackYaml.Write(RulePackYaml.Shipped[0]), cancelled.Token));
    }

    [Fact]
    public void Parse_NotYaml_ReasonPackInvalid()
    {
        Assert.Equal(Reasons.PackInvalid, Assert.Throws<RulePackException>(() => RulePackYaml.Parse("packId: [unclosed")).Reason);
    }
}
