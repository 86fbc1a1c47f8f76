namespace Oversight.Analysis.Reuse;

/// <summary>
/// An index of passages in memory, for a folder of reports (the command line) and tests. A key held by
/// <see cref="CommonReports"/> reports or more is common phrasing, not a sign that one body copied another, and
/// counts for no one; compliance's stored index follows the same rule.
/// </summary>
public sealed class ReuseIndex(int commonReports = ReuseIndex.DefaultCommonReports)
{
    public const int DefaultCommonReports = 20;

    private readonly Dictionary<string, ReuseDocument> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<long, List<(string ReportId, int No)>> _keys = [];

    public int CommonReports => commonReports;

    public IReadOnlyCollection<ReuseDocument> Documents => _documents.Values;

    public void Add(ReuseDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (_documents.ContainsKey(document.Body.ReportId))
        {
            throw new ArgumentException($"报告 {document.Body.ReportId} 已在索引中", nameof(document));
        }
        _documents.Add(document.Body.ReportId, document);
        foreach (var passage in document.Passages)
        {
            foreach (var key in Keys(passage))
            {
                if (!_keys.TryGetValue(key, out var holders))
                {
                    _keys[key] = holders = [];
                }
                holders.Add((document.Body.ReportId, passage.No));
            }
        }
    }

    /// <summary>What the report reuses from every other indexed report it is compared with, most first.</summary>
    public IReadOnlyList<ReuseMatch> MatchesOf(string reportId)
    {
        var self = _documents[reportId];
        var pairs = new Dictionary<string, List<(Passage, Passage)>>(StringComparer.Ordinal);
        foreach (var passage in self.Passages)
        {
            foreach (var key in Keys(passage))
            {
                var holders = _keys[key];
                if (holders.Select(h => h.ReportId).Distinct(StringComparer.Ordinal).Count() >= commonReports)
                {
                    continue;
                }
                foreach (var (otherId, no) in holders.Where(h => h.ReportId != reportId))
                {
                    if (!pairs.TryGetValue(otherId, out var list))
                    {
                        pairs[otherId] = list = [];
                    }
                    list.Add((passage, _documents[otherId].Passages[no]));
                }
            }
        }
        return [.. pairs.Select(p => ReuseMatcher.Match(self.Body, _documents[p.Key].Body, p.Value)).OfType<ReuseMatch>()
            .OrderByDescending(m => m.Share).ThenBy(m => m.OtherReportId, StringComparer.Ordinal)];
    }

    /// <summary>The passage's band keys, each once: a small array rather than a Distinct set a passage (76 a report).</summary>
    public static long[] Keys(Passage passage) => passage.Key1 == passage.Key2 ? [passage.Key1] : [passage.Key1, passage.Key2];
}
