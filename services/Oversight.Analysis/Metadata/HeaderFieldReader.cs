using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Oversight.Analysis.Metadata;

/// <summary>
/// Reads portal header fields in their layouts: "发布日期: …", "- 发布日期:…", "索 引 号:…", several on one
/// line ("发布时间:… 来源:…"), after a site address, in brackets ("[ 成文日期 ] … [ 发布日期 ] …") and table rows
/// "| 发布日期 | … |". Labels come from the portal layout data; labels with no value of interest (浏览次数, 公开方式)
/// are there so that they end the value before them.
/// </summary>
public sealed class HeaderFieldReader
{
    private readonly Regex _labelled;
    private readonly Regex _bracketedOrLabelled;
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
        // "发布日期:", "时间 :"; and on the few lines with brackets also a label in brackets with no colon
        // ("[ 发布日期 ] 2026-02-10", "【来源】…"), a second regex so that the common line pays nothing for it.
        var labels = string.Join('|', alternatives);
        _labelled = new Regex($"(?<label>{labels}) ?[:：]", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        _bracketedOrLabelled = new Regex($"(?:[\\[【] ?(?<label>{labels}) ?[\\]】]|(?<label>{labels}) ?[:：])",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    private static readonly SearchValues<char> LabelEnds = SearchValues.Create(":：]】");

    public static HeaderFieldReader Default { get; } = new(PortalLayout.Default);

    /// <summary>The fields on one line, or none when the line is not a header line.</summary>
    public IReadOnlyList<HeaderField> Read(string line)
    {
        var trimmed = line.TrimStart(' ', '-', '*', '•', '·');
        if (trimmed.StartsWith('|'))
        {
            return ReadTableRow(trimmed);
        }
        // Every label ends at a colon or a closing bracket: most lines of a page have neither and skip the long alternation.
        if (trimmed.AsSpan().IndexOfAny(LabelEnds) < 0)
        {
            return [];
        }
        var matches = (trimmed.AsSpan().IndexOfAny('[', '【') >= 0 ? _bracketedOrLabelled : _labelled).Matches(trimmed);
        // A header line starts with its label, or has it after a space behind page chrome such as the site address
        // ("www.hunyuan.gov.cn 发布时间:…"); a body sentence that mentions 来源: is not one.
        if (matches.Count == 0 || (matches[0].Index != 0 && !IsChromePrefix(trimmed.AsSpan(0, matches[0].Index))))
        {
            return [];
        }
        var fields = new List<HeaderField>(matches.Count);
        for (var i = 0; i < matches.Count; i++)
        {
            var start = matches[i].Index + matches[i].Length;
            var end = i + 1 < matches.Count ? matches[i + 1].Index : trimmed.Length;
            fields.Add(new HeaderField(Canonical(matches[i].Groups["label"].Value), trimmed[start..end].Trim(' ', '\t', '|', '｜', '[', '【')));
        }
        return fields;
    }

    /// <summary>The words before the first label of a header line ("X县教育局 发文日期:…" → "X县教育局"), or "".</summary>
    public string Lead(string line)
    {
        var trimmed = line.TrimStart(' ', '-', '*', '•', '·');
        var match = _labelled.Match(trimmed);
        return match.Success ? trimmed[..match.Index].Trim(' ', '-', '|') : "";
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
                // One value per cell: a label cell beside it ("| 发布单位: | 公开方式: |") leaves this one empty.
                var hasValue = i + 1 < cells.Length && !IsLabelCell(cells[i + 1]);
                fields.Add(new HeaderField(name, hasValue ? cells[i + 1] : ""));
                if (hasValue)
                {
                    i++;
                }
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

    private bool IsLabelCell(string cell) =>
        cell.EndsWith(':') || cell.EndsWith('：') || _canonical.ContainsKey(cell.Replace(" ", "", StringComparison.Ordinal));

    // What may stand before the first label: words ending in a space, with no sentence punctuation (a site address,
    // a site name). "经费来源:县级财政…" has no space before its label and stays body text.
    private static bool IsChromePrefix(ReadOnlySpan<char> prefix) =>
        prefix.Length <= 60 && prefix[^1] == ' ' && prefix.IndexOfAny("。,;，；") < 0;

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
