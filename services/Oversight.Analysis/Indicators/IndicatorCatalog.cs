using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace Oversight.Analysis.Indicators;

/// <summary>
/// The indicators the extractor knows, read from a versioned data file (Data/indicators.yaml by default,
/// or a province's own file), validated and compiled once. Immutable and safe to share.
/// </summary>
public sealed class IndicatorCatalog
{
    // Declared before Default so that it exists when Default is built.
    private static readonly Regex IdShape = new("^[a-z][a-z_]*\\.[a-z][a-z_]*$", RegexOptions.CultureInvariant);

    private IndicatorCatalog(string version, IReadOnlyList<IndicatorDefinition> indicators, IReadOnlyList<string> excludes,
        IReadOnlyList<string> parts, IReadOnlyList<string> multiYear)
    {
        Version = version;
        Indicators = indicators;
        Excludes = excludes;
        Parts = parts;
        MultiYear = multiYear;
        ById = indicators.ToDictionary(i => i.Id, StringComparer.Ordinal);
        _byUnit = indicators.SelectMany(i => i.Units.Select(u => (Unit: u, Indicator: i)))
            .GroupBy(x => x.Unit, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<IndicatorDefinition>)[.. g.Select(x => x.Indicator).Distinct()], StringComparer.Ordinal);
    }

    private readonly Dictionary<string, IReadOnlyList<IndicatorDefinition>> _byUnit;

    public string Version { get; }

    public IReadOnlyList<IndicatorDefinition> Indicators { get; }

    /// <summary>Words that disqualify any figure whose clause contains them (每月, 平均, 不少于 …).</summary>
    public IReadOnlyList<string> Excludes { get; }

    /// <summary>Words that present a figure as a part of another (其中 …): used only when no total is stated.</summary>
    public IReadOnlyList<string> Parts { get; }

    /// <summary>Words that present a figure as spanning several years (以来, 累计 …): used only when nothing else is stated.</summary>
    public IReadOnlyList<string> MultiYear { get; }

    public IReadOnlyDictionary<string, IndicatorDefinition> ById { get; }

    /// <summary>The indicators a figure of this unit can belong to, in catalog order.</summary>
    public IReadOnlyList<IndicatorDefinition> ForUnit(string unit) => _byUnit.GetValueOrDefault(unit) ?? [];

    public static IndicatorCatalog Default { get; } = Parse(EmbeddedData.ReadText("indicators.yaml"));

    /// <summary>Reads and validates a catalog; throws <see cref="IndicatorCatalogException"/> naming what to fix.</summary>
    public static IndicatorCatalog Parse(string yaml)
    {
        IndicatorCatalogFile file;
        try
        {
            file = EmbeddedData.Deserialize<IndicatorCatalogFile>(yaml) ?? new IndicatorCatalogFile();
        }
        catch (YamlException ex)
        {
            throw new IndicatorCatalogException($"指标目录不是有效的 YAML(第 {ex.Start.Line} 行):{ex.Message}");
        }
        if (string.IsNullOrWhiteSpace(file.Version))
        {
            throw new IndicatorCatalogException("指标目录缺少 version:每次修改目录都要提高版本号,服务据此重新分析报告");
        }
        if (file.Indicators.Count == 0)
        {
            throw new IndicatorCatalogException("指标目录没有任何指标(indicators 为空)");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var indicators = new List<IndicatorDefinition>();
        foreach (var entry in file.Indicators)
        {
            var indicator = Compile(entry);
            if (!seen.Add(indicator.Id))
            {
                throw new IndicatorCatalogException($"指标 {indicator.Id} 重复出现:每个指标 id 只能定义一次");
            }
            indicators.Add(indicator);
        }
        return new IndicatorCatalog(file.Version.Trim(), indicators, [.. file.Excludes.Where(e => e.Length > 0)],
            [.. file.Parts.Where(e => e.Length > 0)], [.. file.MultiYear.Where(e => e.Length > 0)]);
    }

    private static IndicatorDefinition Compile(IndicatorEntry entry)
    {
        var id = (entry.Id ?? "").Trim();
        if (!IdShape.IsMatch(id))
        {
            throw new IndicatorCatalogException($"指标 id \"{id}\" 格式不对:应为小写的 \"领域.名称\",例如 legal_aid.cases");
        }
        if (string.IsNullOrWhiteSpace(entry.Name) || string.IsNullOrWhiteSpace(entry.Unit))
        {
            throw new IndicatorCatalogException($"指标 {id} 缺少 name 或 unit");
        }
        if (entry.Choose is not (IndicatorDefinition.ChooseLargest or IndicatorDefinition.ChooseFirst))
        {
            throw new IndicatorCatalogException($"指标 {id} 的 choose 为 \"{entry.Choose}\":只能是 largest 或 first");
        }
        if (entry.Cues.Count == 0)
        {
            throw new IndicatorCatalogException($"指标 {id} 没有 cues:至少要有一条 before 或 after 规则");
        }
        var cues = entry.Cues.Select(c => CompileCue(id, c)).ToList();
        var units = entry.Units.Count > 0 ? entry.Units : [entry.Unit];
        return new IndicatorDefinition(id, entry.Name, entry.Unit, entry.Description ?? "", [.. units], entry.Choose, [.. entry.Topics],
            [.. entry.Excludes], cues);
    }

    private static IndicatorCue CompileCue(string id, CueEntry entry)
    {
        if (string.IsNullOrEmpty(entry.Before) && string.IsNullOrEmpty(entry.After))
        {
            throw new IndicatorCatalogException($"指标 {id} 有一条空的 cue:before 和 after 至少填一个");
        }
        return new IndicatorCue(CompilePattern(id, entry.Before), CompilePattern(id, entry.After), [.. entry.Topics.Where(t => t.Length > 0)]);
    }

    private static Regex? CompilePattern(string id, string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return null;
        }
        try
        {
            return new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            throw new IndicatorCatalogException($"指标 {id} 的正则表达式 \"{pattern}\" 无效:{ex.Message}");
        }
    }
}

/// <summary>A catalog file that cannot be used; the message says what to fix.</summary>
public sealed class IndicatorCatalogException(string message) : Exception(message);
