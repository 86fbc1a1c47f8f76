using Oversight.Analysis.Rules;
using Oversight.Compliance.Storage;
using Oversight.Storage;

namespace Oversight.Compliance.Checking;

/// <summary>
/// The latest version of every rule pack, held in memory and swapped whole after an upsert. The key names every
/// pack and version, so a check made with other packs is recognised and redone.
/// </summary>
public sealed class PacksInForce(PackStore store, TimeProvider time)
{
    // One load at a time: an upsert's load and the reloader's (RulePackReloader) must not swap an older snapshot in last.
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Snapshot _current = new([], "");

    public IReadOnlyList<RulePack> Packs => _current.Packs;

    public string Key => _current.Key;

    /// <summary>
    /// Loads the packs; first stores each shipped one (national baselines, 大同市) the database has no version of, so an
    /// upgrade brings a new report type's pack and never overwrites a pack an administrator changed.
    /// </summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            await LoadOnceAsync(cancellationToken);
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>The key of packs at these versions, as <see cref="Key"/> names the packs in force.</summary>
    public static string KeyOf(IEnumerable<(string PackId, int Version)> versions) =>
        string.Join(",", versions.OrderBy(p => p.PackId, StringComparer.Ordinal).Select(p => $"{p.PackId}@{p.Version}"));

    private async Task LoadOnceAsync(CancellationToken cancellationToken)
    {
        var rows = await store.LatestAsync(cancellationToken);
        var absent = RulePackYaml.Shipped.Where(p => rows.All(r => r.PackId != p.PackId)).ToList();
        if (absent.Count > 0)
        {
            foreach (var pack in absent)
            {
                await store.InsertAsync(new PackRow
                {
                    PackId = pack.PackId, Version = pack.Version, ScopePrefix = pack.ScopePrefix, Yaml = RulePackYaml.Write(pack),
                    UpdatedAt = time.GetUtcNow(), UpdatedBy = "shipped",
                }, audit: null, cancellationToken);
            }
            rows = await store.LatestAsync(cancellationToken);
        }
        var packs = rows.Select(r => RulePackYaml.Parse(r.Yaml) with { Version = r.Version }).ToList();
        // Validated on load as on upsert: a pack edited in the database by hand must not silently change the rules.
        var problems = packs.SelectMany(p => RulePackValidation.Problems(p, packs).Select(problem => $"{p.PackId}@{p.Version}: {problem}")).ToList();
        if (problems.Count > 0)
        {
            throw new RulePackException(problems);
        }
        _current = new Snapshot(packs, KeyOf(packs.Select(p => (p.PackId, p.Version))));
    }

    private sealed record Snapshot(IReadOnlyList<RulePack> Packs, string Key);
}
