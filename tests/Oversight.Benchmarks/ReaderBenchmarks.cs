using System.Diagnostics;
using System.Runtime;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Oversight.Analysis;
using Oversight.Analysis.Indicators;
using Oversight.Analysis.Reuse;
using Oversight.Analysis.Rules;
using Oversight.Testing;

namespace Oversight.Benchmarks;

/// <summary>
/// The full read (decode → normalize → metadata → outline → kinds) on the five seeds and on one 5 MB report, and
/// what a sweep's first check of a report costs on top (the rules' input, with its figure count and task areas, and
/// the passages copy detection indexes): the CPU a cold sweep spends per report, steadier than the load run. Each seed is
/// also read on its own, so that a seed slower than the rest shows (issue 32: at least 100 MB/s on every seed).
/// </summary>
[MemoryDiagnoser]
public class ReaderBenchmarks
{
    private byte[][] _seeds = [];
    private byte[] _large = [];
    private Dictionary<string, byte[]> _bySeed = [];
    private ReportReader _reader = null!;

    public static long SeedBytes => SampleReports.All.Sum(s => SampleReports.Bytes(s).LongLength);

    [GlobalSetup]
    public void Setup()
    {
        _reader = new ReportReader(TestDivisions.Registry);
        _seeds = SampleReports.All.Select(SampleReports.Bytes).ToArray();
        _bySeed = SampleReports.All.ToDictionary(s => s, SampleReports.Bytes);
        _large = LargeReport(5 * 1024 * 1024);
        WarmUntilCompiled();
    }

    private static bool _warmed;

    /// <summary>
    /// Reads the seeds and the large report until the JIT stops compiling (tier-0 code promoted to tier 1 by the background
    /// compiler), once per process. Without it the first case measured, "read 5 seeds", ran partly on tier-0 code: its pilot
    /// sized the iterations on the slow first calls and three short warm-up iterations ended before the promotions
    /// landed, so it showed well below the sum of the per-seed rows measured later in the same process.
    /// </summary>
    private void WarmUntilCompiled()
    {
        if (_warmed)
        {
            return;
        }
        _warmed = true;
        var clock = Stopwatch.StartNew();
        var compiled = JitInfo.GetCompiledMethodCount();
        var settledSince = clock.Elapsed;
        // Settled: no method compiled for one second of steady reading; bounded at 30 s on a loaded machine.
        while (clock.Elapsed - settledSince < TimeSpan.FromSeconds(1) && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            ReadSeeds();
            ReadLarge();
            CheckSeeds();
            var now = JitInfo.GetCompiledMethodCount();
            if (now != compiled)
            {
                compiled = now;
                settledSince = clock.Elapsed;
            }
        }
        Console.WriteLine($"// reader warmed in {clock.Elapsed.TotalSeconds:F1} s, {compiled} methods compiled");
    }

    [Benchmark(Description = "read 5 seeds")]
    public int ReadSeeds()
    {
        var sections = 0;
        foreach (var seed in _seeds)
        {
            sections += _reader.Read(new ReportInput(seed, "text/plain")).Reading!.Outline.Sections.Count;
        }
        return sections;
    }

    public static IEnumerable<string> Seeds() => SampleReports.All;

    [Benchmark(Description = "read seed")]
    [ArgumentsSource(nameof(Seeds))]
    public int ReadSeed(string seed) => _reader.Read(new ReportInput(_bySeed[seed], "text/plain")).Reading!.Outline.Sections.Count;

    [Benchmark(Description = "first check of 5 seeds")]
    public int CheckSeeds()
    {
        var found = 0;
        foreach (var seed in _seeds)
        {
            var reading = _reader.Read(new ReportInput(seed, "text/plain")).Reading!;
            var input = CheckInput.From(reading, MetricExtractor.Default);
            found += input.FigureCount + ReuseDocument.Of("r", 1, reading, input.Type).Passages.Count;
        }
        return found;
    }

    [Benchmark(Description = "read 5 MB report")]
    public int ReadLarge() => _reader.Read(new ReportInput(_large, "text/plain")).Reading!.Outline.Sections.Count;

    /// <summary>A report of about <paramref name="size"/> bytes: the seeds' sections repeated under one title.</summary>
    public static byte[] LargeReport(int size)
    {
        var body = string.Join('\n', SampleReports.All.Select(SampleReports.Text));
        var builder = new StringBuilder("某县2025年法治政府建设年度报告\n");
        while (Encoding.UTF8.GetByteCount(builder.ToString()) < size)
        {
            builder.Append(body).Append('\n');
        }
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    public static int Run()
    {
        // Warm-up count left to BenchmarkDotNet (it warms each case until its times settle) instead of ShortRun's fixed three.
        var job = new Job("Reader").WithLaunchCount(1).WithIterationCount(5).WithMaxWarmupCount(30);
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(job.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        var summary = BenchmarkRunner.Run<ReaderBenchmarks>(config);
        var largeBytes = LargeReport(5 * 1024 * 1024).LongLength;
        foreach (var report in summary.Reports)
        {
            var meanNs = report.ResultStatistics?.Mean ?? double.NaN;
            var method = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            var seed = method == nameof(ReadSeed) ? (string)report.BenchmarkCase.Parameters.Items[0].Value : null;
            var bytes = seed is not null ? SampleReports.Bytes(seed).LongLength
                : method is nameof(ReadSeeds) or nameof(CheckSeeds) ? SeedBytes
                : largeBytes;
            var name = seed is not null ? $"'read seed {seed}'" : report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo;
            var target = method is nameof(ReadSeed) or nameof(ReadSeeds) ? "target >= 100 MB/s" : "target >= 50 MB/s per core";
            Console.WriteLine(
                $"{name,-24} {bytes / 1e6:F3} MB in {meanNs / 1e6:F3} ms = {bytes / 1e6 / (meanNs / 1e9):F1} MB/s (one thread; {target})");
        }
        return 0;
    }
}
