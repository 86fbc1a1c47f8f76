using Oversight.Benchmarks;

return args.FirstOrDefault() switch
{
    "transport" => await TransportLoad.RunAsync(args[1..]),
    "reader" => ReaderBenchmarks.Run(),
    "ingest" => await IngestLoad.RunAsync(args[1..]),
    "extract" => ExtractionBenchmarks.Run(),
    "aggregate" => await AggregateLoad.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("""
        Oversight benchmarks (run with -c Release):
          transport [--seconds N] [--connections C] [--concurrency M]unary echo load: ours vs grpc-js vs grpcio vs bare Kestrel (h2load)
        """);
    return 2;
}
