using System.Text;
using System.Text.RegularExpressions;

namespace Oversight.Analysis.Metadata;

/// <summary>
/// Reads portal header fields in their layouts: "发布日期: …", "- 发布日期:…", "索 引 号:…", several on one
/// line ("发布时间:… 来源:…"), and table rows "| 发布日期 | … |". Labels come from the portal layout data.
/// </summary>
public sealed class HeaderFieldReader
{
    private readonly Regex _labelled;
    private readonly Dictionary<string, string> _canonical = new(StringComparer.Ordinal);

    public HeaderFieldReader(PortalLayout layout)
    {
        var alternatives = new List<string>();
        foreach (var field in layout.HeaderFields)
        {
            foreach (var label in field.Labels)
            {
                _canonical[label] = field.Name;
                // Portals space out short labels ("索 引 号", "名 称").
                alternatives.Add(string.Join(@" ?", label.Select(c => Regex.Escape(c.ToString()))));
            }
        }
        alternatives.Sort((a, b) => b.Length.CompareTo(a.Length));
        _labelled = new Regex($"(?<label>{string.Join('|', alternatives)}) ?[:：]", RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    public static HeaderFieldReader Default { get; } = new(PortalLayout.Default);

    /// <summary>The fields on one line, or none when the line is not a header line.</summary>
    public IReadOnlyList<HeaderField> Read(string line)
    {
        var trimmed = line.TrimStart(' ', '-', '*', '•', '·');
        if (trimmed.StartsWith('|'))
        {
            return ReadTableRow(trimmed);
        }
        var matches = _labelled.Matches(trimmed);
        // A header line starts with its label; a body sentence that mentions 来源: is not one.
        if (matches.Count == 0 || matches[0].Index != 0)
        {
            return [];
        }
        var fields = new List<HeaderField>(matches.Count);
        for (var i = 0; i < matches.Count; i++)
        {
            var start = matches[i].Index + matches[i].Length;
            var end = i + 1 < matches.Count ? matches[i + 1].Index : trimmed.Length;
            fields.Add(new HeaderField(Canonical(matches[i].Groups["label"].Value), trimmed[start..end].Trim()));
        }
        return fields;
    }

    private IReadOnlyList<HeaderField> ReadTableRow(string row)
    {
        var cells = row.Split('|').Select(c => c.Trim()).ToArray();
        var fields = new List<HeaderField>();
        for (var i = 0; i < cells.Length; i++)
        {
            var label = cells[i].TrimEnd(':', '：').Replace(" ", "", StringComparison.Ordinal);
            if (label.Length > 0 && _canonical.TryGetValue(label, out var name))
            {
                fields.Add(new HeaderField(name, i + 1 < cells.Length ? cells[i + 1] : ""));
                i++;
            }
            else
            {
                foreach (var field in Read(cells[i]))
                {
                    fields.Add(field);
                }
            }
        }
        return fields;
    }

    private string Canonical(string label)
    {
        var compact = new StringBuilder(label.Length);
        foreach (var c in label)
        {
            if (c != ' ')
            {
                compact.Append(c);
            }
        }
        return _canonical.TryGetValue(compact.ToString(), out var name) ? name : compact.ToString();
    }
}

/// <summary>A header field as found on the page, under its canonical name.</summary>
public sealed record HeaderField(string Name, string Value);
