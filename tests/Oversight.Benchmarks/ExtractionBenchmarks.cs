using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Oversight.Analysis;
using Oversight.Analysis.Indicators;
using Oversight.Testing;

namespace Oversight.Benchmarks;

/// <summary>Metric extraction on the five seeds: from readings already made, and read + extract from bytes.</summary>
[MemoryDiagnoser]
public class ExtractionBenchmarks
{
    private byte[][] _seeds = [];
    private ReportReading[] _readings = [];
    private ReportReader _reader = null!;

    [GlobalSetup]
    public void Setup()
    {
        _reader = new ReportReader(TestDivisions.Registry);
        _seeds = SampleReports.All.Select(SampleReports.Bytes).ToArray();
        _readings = _seeds.Select(s => _reader.Read(new ReportInput(s, "text/plain")).Reading!).ToArray();
    }

    [Benchmark(Description = "extract 5 seeds")]
    public int Extract()
    {
        var values = 0;
        foreach (var reading in _readings)
        {
            values += MetricExtractor.Default.Extract(reading).Count;
        }
        return values;
    }

    [Benchmark(Description = "read + extract 5 seeds")]
    public int ReadAndExtract()
    {
        var values = 0;
        foreach (var seed in _seeds)
        {
            values += MetricExtractor.Default.Extract(_reader.Read(new ReportInput(seed, "text/plain")).Reading!).Count;
        }
        return values;
    }

    public static int Run()
    {
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        var summary = BenchmarkRunner.Run<ExtractionBenchmarks>(config);
        var bytes = ReaderBenchmarks.SeedBytes;
        foreach (var report in summary.Reports)
        {
            var meanNs = report.ResultStatistics?.Mean ?? double.NaN;
            Console.WriteLine(
                $"{report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo,-24} {bytes / 1e6:F3} MB in {meanNs / 1e6:F3} ms = " +
                $"{bytes / 1e6 / (meanNs / 1e9):F1} MB/s (one thread; target >= 20 MB/s per core)");
        }
        return 0;
    }
}
