using System.Diagnostics;
using System.Globalization;
using Oversight.Analysis;
using Oversight.Analysis.Reuse;
using Oversight.Compliance.Storage;
using Oversight.Storage;
using Oversight.Storage.Migrations;
using Oversight.Testing;

namespace Oversight.Benchmarks;

/// <summary>
/// Copy detection's stored index at scale: N distinct reports (default 100,000) of the seeds' size indexed the way
/// sweeps do it, in batches of 500, into the compliance database (SQLite, or PostgreSQL with --postgres); then 1,000
/// more reports indexed one at a time against the full index, each a lookup of its keys plus its own insert, half of
/// them copies of an indexed report (found when it is the best match with at least 80 %: its ten template sentences
/// are common). Sentences are drawn from the seeds' characters; every report also carries ten of 200 template
/// sentences, so common phrasing is there as in real reports. Prints times, rates and sizes.
/// </summary>
internal static class ReuseLoad
{
    private const int PassagesPerReport = 76;
    private const int Batch = 500;

    public static async Task<int> RunAsync(string[] args)
    {
        await using var storage = BenchmarkStorage.From(ref args, TempFolder.Create("oversight-reuse-load-"));
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var database = StorageFactory.Create(storage.For(Oversight.Compliance.Extensions.Section, "compliance.db"), TimeProvider.System);
        await MigrationRunner.ApplyAsync(database, typeof(ReuseStore).Assembly, CancellationToken.None);
        var store = new ReuseStore(database, ReuseIndex.DefaultCommonReports);
        var alphabet = SampleReports.All.SelectMany(s => SampleReports.Text(s)).Where(c => c >= '\u4e00' && c <= '\u9fff').Distinct().ToArray();
        var random = new Random(20261203);
        var templates = Enumerable.Range(0, 200).Select(_ => Sentence(random, alphabet)).ToArray();

        Console.WriteLine($"copy detection index on {storage.Name}: {count:N0} reports of {PassagesPerReport} sentences, batches of {Batch}");
        var build = Stopwatch.StartNew();
        var lap = Stopwatch.StartNew();
        var kept = new List<ReuseDocument>();
        for (var start = 0; start < count; start += Batch)
        {
            var batch = Enumerable.Range(start, Math.Min(Batch, count - start)).Select(i => Report(i, random, alphabet, templates)).ToList();
            await store.IndexAsync(batch, CancellationToken.None);
            kept.Add(batch[0]);
            if ((start + Batch) % 20_000 == 0)
            {
                Console.WriteLine($"  {start + Batch,7:N0} indexed, last 20,000 at {20_000 / lap.Elapsed.TotalSeconds,6:N0} reports/s");
                lap.Restart();
            }
        }
        build.Stop();
        Console.WriteLine(
            $"  built: {count:N0} reports in {build.Elapsed.TotalSeconds:F1} s ({count / build.Elapsed.TotalSeconds:N0} reports/s), database " +
            $"{await storage.SizeAsync(Oversight.Compliance.Extensions.Section, "compliance.db") / 1048576.0:N0} MB");

        var times = new List<double>();
        var found = 0;
        for (var i = 0; i < 1_000; i++)
        {
            var document = i % 2 == 0
                ? Report(count + i, random, alphabet, templates)
                : kept[i % kept.Count] with { Body = kept[i % kept.Count].Body with { ReportId = $"copy{i}", JurisdictionCode = $"8{i:D5}" } };
            var stopwatch = Stopwatch.StartNew();
            var result = await store.IndexAsync([document], CancellationToken.None);
            stopwatch.Stop();
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
            found += result.Matches[document.Body.ReportId].Any(m => m.OtherReportId == kept[i % kept.Count].Body.ReportId && m.Share >= 0.8) ? 1 : 0;
        }
        times.Sort();
        Console.WriteLine(
            $"  one report against {count:N0}: median {times[500]:F2} ms, p99 {times[990]:F2} ms, slowest {times[^1]:F2} ms; copies found {found} of 500");
        return 0;
    }

    private static ReuseDocument Report(int i, Random random, char[] alphabet, string[] templates)
    {
        var passages = new List<Passage>(PassagesPerReport);
        for (var n = 0; n < PassagesPerReport; n++)
        {
            var sentence = n < 10 ? templates[random.Next(templates.Length)] : Sentence(random, alphabet);
            var (key1, key2) = PassageKeys.Of(sentence);
            passages.Add(new Passage(n, "一", new Oversight.Analysis.Text.TextSpan(n * 60, sentence.Length), sentence, sentence.Length, key1, key2));
        }
        return new ReuseDocument(new ReuseBody($"r{i:D7}", 1, $"{100000 + i % 3000}", "county", 2023 + i / 3000 % 3, "rule_of_law",
            passages.Sum(p => p.Weight)), passages);
    }

    private static string Sentence(Random random, char[] alphabet) =>
        string.Create(random.Next(15, 60), (random, alphabet), (span, state) =>
        {
            for (var k = 0; k < span.Length; k++)
            {
                span[k] = state.alphabet[state.random.Next(state.alphabet.Length)];
            }
        });
}
