using Oversight.Vocabulary;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
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

    /// <summary>Deeper than this (mappings and sequences inside each other) is no rule pack: the shipped ones are 3 deep.</summary>
    public const int MaxDepth = 32;

    /// <summary>More nodes (scalars, mappings, sequences, aliases) than this is no rule pack: the shipped ones have under 200.</summary>
    public const int MaxNodes = 10_000;

    /// <summary>
    /// Reads one pack; throws <see cref="RulePackException"/> when the YAML itself is unreadable, or nested deeper than
    /// <see cref="MaxDepth"/> (<c>PACK_YAML_TOO_DEEP</c>) or larger than <see cref="MaxNodes"/> nodes
    /// (<c>PACK_YAML_TOO_MANY_NODES</c>). The bounds are checked on the parser's events as they come, before the document
    /// is built, so a hostile pack costs at most that much; <paramref name="cancellationToken"/> (a call's deadline) is
    /// honoured at every event.
    /// </summary>
    public static RulePack Parse(string yaml, CancellationToken cancellationToken = default)
    {
        PackDocument document;
        try
        {
            CheckBounds(yaml, cancellationToken);
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

    // One pass over the parser's events, stopped at the first bound crossed: the scanner looks ahead a bounded distance,
    // so reaching depth 33 costs a few thousand characters' work however deep the document claims to go.
    private static void CheckBounds(string yaml, CancellationToken cancellationToken)
    {
        var parser = new Parser(new StringReader(yaml));
        var depth = 0;
        var nodes = 0;
        while (parser.MoveNext())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (parser.Current)
            {
                case MappingStart or SequenceStart:
                    depth++;
                    nodes++;
                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
                case Scalar or AnchorAlias:
                    nodes++;
                    break;
            }
            if (depth > MaxDepth)
            {
                throw new RulePackException([$"规则包嵌套超过 {MaxDepth} 层(第 {parser.Current!.Start.Line} 行):规则包最多几层,请检查文件"], Reasons.PackYamlTooDeep);
            }
            if (nodes > MaxNodes)
            {
                throw new RulePackException([$"规则包超过 {MaxNodes} 个节点(第 {parser.Current!.Start.Line} 行):规则包只需几百个,请检查文件"], Reasons.PackYamlTooManyNodes);
            }
        }
    }

    /// <summary>
    /// The node bound for a pack sent as a message rather than YAML: its rules counted as the nodes its YAML would have
    /// (a section 7, a deadline 13 …). Throws <see cref="RulePackException"/> (<see cref="Reasons.PackYamlTooManyNodes"/>) past <see cref="MaxNodes"/>.
    /// </summary>
    public static RulePack Bounded(RulePack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var nodes = 40L + (7L * pack.Sections.Count) + (13L * pack.Deadlines.Count) + (pack.TaskAreas?.Required.Count ?? 0);
        return nodes <= MaxNodes
            ? pack
            : throw new RulePackException([$"规则包超过 {MaxNodes} 个节点({pack.Sections.Count} 条部分规则、{pack.Deadlines.Count} 条期限规则):规则包只需几百个,请检查"],
                Reasons.PackYamlTooManyNodes);
    }

    /// <summary>A pack's problems as one message: the first <paramref name="shown"/>, then how many more, so a refusal stays a short status.</summary>
    public static string Describe(IReadOnlyList<string> problems, int shown = 20)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count <= shown
            ? string.Join(";", problems)
            : string.Join(";", problems.Take(shown)) + $";另有 {problems.Count - shown} 个问题未列出";
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
        Sections = [.. pack.Sections.Select(s => new SectionDocument
        {
            Kind = s.Kind, MissingSeverity = s.MissingSeverity, NotDedicatedSeverity = s.NotDedicatedSeverity,
        })],
        ShortfallsWithoutCausesSeverity = pack.ShortfallsWithoutCausesSeverity,
        Deadlines = [.. pack.Deadlines.Select(d => new DeadlineDocument
        {
            Deadline = d.Deadline, BodyKind = d.BodyKind, YearOffset = d.YearOffset, Month = d.Month, Day = d.Day, Severity = d.Severity,
        })],
        Thresholds = pack.Thresholds is { } t
            ? new ThresholdsDocument { MinFigures = t.MinFigures, LowQuantitativeSeverity = t.LowQuantitativeSeverity }
            : null,
        TaskAreas = pack.TaskAreas is { } a ? new TaskAreasDocument { Required = [.. a.Required], MissingSeverity = a.MissingSeverity } : null,
        TextReuse = pack.TextReuse is { } r
            ? new TextReuseDocument
            {
                OtherBodyShare = r.OtherBodyShare, LastYearShare = r.LastYearShare, MinPassages = r.MinPassages, Severity = r.Severity,
            }
            : null,
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

/// <summary>A rule pack that cannot be used; each message names what to fix, <see cref="Reason"/> the stable reason.</summary>
public sealed class RulePackException(IReadOnlyList<string> problems, string reason = Reasons.PackInvalid) : Exception(string.Join(";", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;

    /// <summary>
    /// <see cref="Reasons.PackInvalid"/> (not valid YAML, or a rule broken), or <see cref="Reasons.PackYamlTooDeep"/> /
    /// <see cref="Reasons.PackYamlTooManyNodes"/> (refused for its size or shape, before its rules are read).
    /// </summary>
    public string Reason { get; } = reason;
}
