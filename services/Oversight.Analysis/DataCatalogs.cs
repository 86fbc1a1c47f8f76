using System.Reflection;
using Oversight.Analysis.Text;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Oversight.Analysis;

/// <summary>Reads the YAML data files embedded in this assembly (portal layout, section kinds, indicators …).</summary>
internal static class EmbeddedData
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    public static T Load<T>(string fileName) => Deserialize<T>(ReadText(fileName));

    public static string ReadText(string fileName)
    {
        var name = "Oversight.Analysis.Data." + fileName;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded data file {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static T Deserialize<T>(string yaml) => Deserializer.Deserialize<T>(yaml);
}

/// <summary>Portal layout data: header field labels, footer markers and chrome lines.</summary>
public sealed class PortalLayout
{
    public int Version { get; set; }

    public List<HeaderFieldLabels> HeaderFields { get; set; } = [];

    public List<string> FooterStarts { get; set; } = [];

    public List<string> Chrome { get; set; } = [];

    public static PortalLayout Default { get; } = EmbeddedData.Load<PortalLayout>("portal-layout.yaml");

    // Every line of every report is tested against both lists.
    private WordSet? _footerStarts;
    private WordSet? _chrome;

    /// <summary>Whether the line holds a word that starts a portal's footer.</summary>
    public bool HasFooterStart(string line) => (_footerStarts ??= new WordSet(FooterStarts)).IsIn(line);

    /// <summary>Whether the line holds a word of a portal's navigation or page furniture.</summary>
    public bool HasChrome(string line) => (_chrome ??= new WordSet(Chrome)).IsIn(line);
}

public sealed class HeaderFieldLabels
{
    public string Name { get; set; } = "";

    public List<string> Labels { get; set; } = [];
}

/// <summary>Section kind data: patterns per kind, and the phrases that show causes are analysed.</summary>
public sealed class SectionKindCatalog
{
    public int Version { get; set; }

    public List<SectionKindPatterns> Kinds { get; set; } = [];

    public List<string> Causes { get; set; } = [];

    public static SectionKindCatalog Default { get; } = EmbeddedData.Load<SectionKindCatalog>("section-kinds.yaml");
}

public sealed class SectionKindPatterns
{
    public string Kind { get; set; } = "";

    /// <summary>The content's name in findings ("存在的主要问题及改进情况"); every shipped kind has one.</summary>
    public string Name { get; set; } = "";

    public bool Embeddable { get; set; }

    public List<string> Headings { get; set; } = [];

    public List<string> Mentions { get; set; } = [];

    /// <summary>Words a section of this kind says in its text, for headings that do not name it.</summary>
    public List<string> Content { get; set; } = [];
}

/// <summary>The nine task areas of the implementation outline and the cues that show a report's measures cover one.</summary>
public sealed class TaskAreaCatalog
{
    public int Version { get; set; }

    public List<TaskAreaDefinition> Areas { get; set; } = [];

    /// <summary>How the indicator catalog shows an area's value.</summary>
    public TaskAreaIndicator Indicator { get; set; } = new();

    public static TaskAreaCatalog Default { get; } = Checked(EmbeddedData.Load<TaskAreaCatalog>("task-areas.yaml"));

    // A wording left out of the file would otherwise show as an empty name or description to every caller.
    internal static TaskAreaCatalog Checked(TaskAreaCatalog catalog)
    {
        if (catalog.Indicator.NamePrefix.Length == 0 || catalog.Indicator.Description.Length == 0)
        {
            throw new InvalidOperationException("task-areas.yaml: indicator.namePrefix and indicator.description are required.");
        }
        if (catalog.Areas.FirstOrDefault(a => a.Id.Length == 0 || a.Name.Length == 0) is { } unnamed)
        {
            throw new InvalidOperationException($"task-areas.yaml: area '{unnamed.Id}' needs an id and a name.");
        }
        return catalog;
    }
}

/// <summary>The indicator of an area's coverage (task_area.&lt;id&gt;) as ListIndicators shows it.</summary>
public sealed class TaskAreaIndicator
{
    /// <summary>Put before the area's name to name the indicator.</summary>
    public string NamePrefix { get; set; } = "";

    public string Description { get; set; } = "";
}

public sealed class TaskAreaDefinition
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public List<string> Cues { get; set; } = [];
}
