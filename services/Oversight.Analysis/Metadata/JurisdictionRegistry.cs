using System.Text.RegularExpressions;

namespace Oversight.Analysis.Metadata;

/// <summary>
/// GB/T 2260 divisions to resolve names against (the compliance registry, or a test's few entries).
/// A name may carry its parents ("大同市云冈区", "云冈区云冈镇"); a bare name that fits several
/// divisions is reported as ambiguous, never guessed.
/// </summary>
public sealed partial class JurisdictionRegistry
{
    private readonly Dictionary<string, Division> _byCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Division>> _byName = new(StringComparer.Ordinal);

    private readonly Dictionary<string, string> _shortByCode = new(StringComparer.Ordinal);

    // Names looked up by span, so that scanning a page for the places it names allocates nothing.
    private readonly Dictionary<string, List<Division>>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public JurisdictionRegistry(IEnumerable<Division> divisions)
    {
        foreach (var division in divisions)
        {
            _byCode[division.Code] = division;
            Index(division.Name, division);
            // Pages write 昌吉州 for 昌吉回族自治州 and 红河州金平县 for its 金平苗族瑶族傣族自治县.
            if (DivisionShortForms.Default.ShortForm(division.Name) is { } shortForm)
            {
                _shortByCode[division.Code] = shortForm;
                Index(shortForm, division);
            }
        }
        _bySpan = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private void Index(string name, Division division)
    {
        if (!_byName.TryGetValue(name, out var list))
        {
            _byName[name] = list = [];
        }
        list.Add(division);
    }

    public static JurisdictionRegistry Empty { get; } = new([]);

    public Division? Find(string code) => _byCode.GetValueOrDefault(code);

    public JurisdictionResolution Resolve(string name)
    {
        var fitting = Fitting(name);
        return fitting.Count switch
        {
            1 => new JurisdictionResolution(JurisdictionResolution.Resolved, fitting[0], []),
            0 => new JurisdictionResolution(JurisdictionResolution.Unresolved, null, []),
            _ => new JurisdictionResolution(JurisdictionResolution.Ambiguous, null, fitting.Select(f => f.Code).Order(StringComparer.Ordinal).ToList()),
        };
    }

    /// <summary>Every division the name fits: its last segment is the division's name and earlier ones name its ancestors.</summary>
    public IReadOnlyList<Division> Fitting(string name)
    {
        var segments = Segments(name);
        if (segments.Count == 0 || !_byName.TryGetValue(segments[^1], out var candidates))
        {
            return [];
        }
        return candidates.Where(c => AncestorsMatch(c, segments)).ToList();
    }

    /// <summary>The divisions of exactly this name (新市街道, which <see cref="Segments"/> would split after 新市).</summary>
    public IReadOnlyList<Division> Named(string name) => _byName.GetValueOrDefault(name) ?? [];

    /// <summary>True when <paramref name="ancestor"/> is a parent, grandparent … of <paramref name="code"/>.</summary>
    public bool IsAncestor(string ancestor, string code)
    {
        var division = Find(code);
        for (var depth = 0; division?.ParentCode is { } parent && depth < 5; depth++)
        {
            if (parent == ancestor)
            {
                return true;
            }
            division = Find(parent);
        }
        return false;
    }

    /// <summary>The division of <paramref name="level"/> that <paramref name="code"/> is or lies in; null when none.</summary>
    public Division? AtLevel(string code, string level)
    {
        var division = Find(code);
        for (var depth = 0; division is not null && depth < 5; depth++)
        {
            var own = JurisdictionLevels.FromCode(division.Code);
            if (own == level)
            {
                return division;
            }
            division = division.ParentCode is null ? null : Find(division.ParentCode);
        }
        return null;
    }

    /// <summary>
    /// Every division name of three characters or more in <paramref name="text"/>, the longest ending at each place
    /// (清城区, not 城区), with the divisions it fits. Two-character names (城区, 和县) are too often plain words.
    /// </summary>
    public IReadOnlyList<(string Name, IReadOnlyList<Division> Divisions)> NamesIn(ReadOnlySpan<char> text)
    {
        var found = new List<(string, IReadOnlyList<Division>)>();
        var from = 0;
        for (var end = 0; end < text.Length; end++)
        {
            if (!NameEnds.Contains(text[end]))
            {
                continue;
            }
            for (var start = Math.Max(from, end - MaxNameLength + 1); start <= end - 2; start++)
            {
                var span = text[start..(end + 1)];
                if (span.ContainsAnyExceptInRange('\u4e00', '\u9fff'))
                {
                    continue;
                }
                if (_bySpan.TryGetValue(span, out var divisions))
                {
                    found.Add((span.ToString(), divisions));
                    from = end + 1;
                    break;
                }
            }
        }
        return found;
    }

    private const int MaxNameLength = 12;

    private static readonly System.Buffers.SearchValues<char> NameEnds = System.Buffers.SearchValues.Create("省市县区州旗盟镇乡道木");

    /// <summary>"大同市云冈区" → ["大同市", "云冈区"].</summary>
    public static IReadOnlyList<string> Segments(string name) =>
        SegmentPattern().Matches(name).Select(m => m.Value).ToList();

    private bool AncestorsMatch(Division division, IReadOnlyList<string> segments)
    {
        var ancestors = new List<(string Name, string? Short)>();
        for (var parent = division.ParentCode is null ? null : Find(division.ParentCode);
            parent is not null && ancestors.Count < 5;
            parent = parent.ParentCode is null ? null : Find(parent.ParentCode))
        {
            ancestors.Add((parent.Name, _shortByCode.GetValueOrDefault(parent.Code)));
        }
        // Every earlier segment must name some ancestor, nearest first.
        var from = 0;
        for (var i = segments.Count - 2; i >= 0; i--)
        {
            var index = ancestors.FindIndex(from, a => a.Name == segments[i] || a.Short == segments[i]);
            if (index < 0)
            {
                return false;
            }
            from = index + 1;
        }
        return true;
    }

    // Lazy, so that "大同市云冈区" splits; a suffix right after 州 or 乡 belongs to the name ("林州市", "内乡县", "通州区"),
    // 省 after 州 ("贵州省"), and 区 after 县 ("梅县区", "和县区" never being a county and a district), but not 市 after 县 ("九寨沟县市场监督管理局"
    // is 九寨沟县).
    [GeneratedRegex(@"[\u4e00-\u9fff]{1,12}?(?:特别行政区|自治区|自治州|自治县|自治旗|地区|街道|苏木|省|市|盟|州|县|区|旗|镇|乡)(?:(?<=[州乡])(?:市|县|区|旗|省)|(?<=县)区)?")]
    private static partial Regex SegmentPattern();
}

/// <summary>A division: GB/T 2260 code (6 digits, 9 for townships), name and parent code.</summary>
public sealed record Division(string Code, string Name, string? ParentCode, string? Level = null);

public sealed record JurisdictionResolution(string Status, Division? Division, IReadOnlyList<string> Candidates)
{
    public const string Supplied = "supplied";
    public const string Resolved = "resolved";
    public const string Ambiguous = "ambiguous";
    public const string Unresolved = "unresolved";
}
