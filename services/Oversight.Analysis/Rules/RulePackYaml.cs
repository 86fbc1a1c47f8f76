using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Oversight.Analysis.Rules;

/// <summary>Rule packs as YAML documents (the shipped files, and what admins upsert).</summary>
public static class RulePackYaml
{
    private static readonly ISerializer Serializer = new SerializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();

    /// <summary>The packs shipped with the platform: the national baseline and 大同市.</summary>
    public static IReadOnlyList<RulePack> Shipped { get; } =
    [
        Parse(EmbeddedData.ReadText("rule-packs/national.yaml")),
        Parse(EmbeddedData.ReadText("rule-packs/datong.yaml")),
        Parse(EmbeddedData.ReadText("rule-packs/national-disclosure.yaml")),
    ];

    /// <summary>Reads one pack; throws <see cref="RulePackException"/> when the YAML itself is unreadable.</summary>
    public static RulePack Parse(string yaml)
    {
        PackDocument document;
        try
        {
            document = EmbeddedData.Deserialize<PackDocument>(yaml) ?? new PackDocument();
        }
        catch (YamlException ex)
        {
            throw new RulePackException([$"规则包不是有效的 YAML(第 {ex.Start.Line} 行):{ex.Message}"]);
        }
        return new RulePack(
            document.PackId ?? "",
            document.Version,
            document.Name ?? "",
            document.Description ?? "",
            document.ScopePrefix ?? "",
            document.YearFrom,
            document.YearTo,
            [.. document.Sections.Select(s => new SectionRule(s.Kind ?? "", s.MissingSeverity ?? "", s.NotDedicatedSeverity ?? ""))],
            document.ShortfallsWithoutCausesSeverity ?? "",
            [.. document.Deadlines.Select(d => new DeadlineRule(d.Deadline ?? "", d.BodyKind ?? "", d.YearOffset, d.Month, d.Day, d.Severity ?? ""))],
            document.Thresholds is { } t ? new Thresholds(t.MinFigures, t.LowQuantitativeSeverity ?? "") : null,
            document.TaskAreas is { } a ? new TaskAreaRule([.. a.Required], a.MissingSeverity ?? "") : null,
            document.TextReuse is { } r ? new TextReuseRule(r.OtherBodyShare, r.LastYearShare, r.MinPassages, r.Severity ?? "") : null,
            document.ReportType ?? "");
    }

    public static string Write(RulePack pack) => Serializer.Serialize(new PackDocument
    {
        PackId = pack.PackId,
        Version = pack.Version,
        Name = pack.Name,
        Description = pack.Description,
        ScopePrefix = pack.ScopePrefix,
        YearFrom = pack.YearFrom,
        YearTo = pack.YearTo,
        Sections = [.. pack.Sections.Select(s => new SectionDocument { Kind = s.Kind, MissingSeverity = s.MissingSeverity, NotDedicatedSeverity = s.NotDedicatedSeverity })],
        ShortfallsWithoutCausesSeverity = pack.ShortfallsWithoutCausesSeverity,
        Deadlines = [.. pack.Deadlines.Select(d => new DeadlineDocument { Deadline = d.Deadline, BodyKind = d.BodyKind, YearOffset = d.YearOffset, Month = d.Month, Day = d.Day, Severity = d.Severity })],
        Thresholds = pack.Thresholds is { } t ? new ThresholdsDocument { MinFigures = t.MinFigures, LowQuantitativeSeverity = t.LowQuantitativeSeverity } : null,
        TaskAreas = pack.TaskAreas is { } a ? new TaskAreasDocument { Required = [.. a.Required], MissingSeverity = a.MissingSeverity } : null,
        TextReuse = pack.TextReuse is { } r ? new TextReuseDocument { OtherBodyShare = r.OtherBodyShare, LastYearShare = r.LastYearShare, MinPassages = r.MinPassages, Severity = r.Severity } : null,
        ReportType = pack.ReportType.Length > 0 ? pack.ReportType : null,
    });

    private sealed class PackDocument
    {
        public string? PackId { get; set; }
        public int Version { get; set; }
        public string? Name { get; set; }
        public string? Description { get; set; }
        public string? ScopePrefix { get; set; }
        public int YearFrom { get; set; }
        public int YearTo { get; set; }
        public List<SectionDocument> Sections { get; set; } = [];
        public string? ShortfallsWithoutCausesSeverity { get; set; }
        public List<DeadlineDocument> Deadlines { get; set; } = [];
        public ThresholdsDocument? Thresholds { get; set; }
        public TaskAreasDocument? TaskAreas { get; set; }
        public TextReuseDocument? TextReuse { get; set; }
        public string? ReportType { get; set; }
    }

    private sealed class TextReuseDocument
    {
        public double OtherBodyShare { get; set; }
        public double LastYearShare { get; set; }
        public int MinPassages { get; set; }
        public string? Severity { get; set; }
    }

    private sealed class TaskAreasDocument
    {
        public List<string> Required { get; set; } = [];
        public string? MissingSeverity { get; set; }
    }

    private sealed class SectionDocument
    {
        public string? Kind { get; set; }
        public string? MissingSeverity { get; set; }
        public string? NotDedicatedSeverity { get; set; }
    }

    private sealed class DeadlineDocument
    {
        public string? Deadline { get; set; }
        public string? BodyKind { get; set; }
        public int YearOffset { get; set; }
        public int Month { get; set; }
        public int Day { get; set; }
        public string? Severity { get; set; }
    }

    private sealed class ThresholdsDocument
    {
        public int MinFigures { get; set; }
        public string? LowQuantitativeSeverity { get; set; }
    }
}

/// <summary>A rule pack that cannot be used; each message names what to fix.</summary>
public sealed class RulePackException(IReadOnlyList<string> problems) : Exception(string.Join(";", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
