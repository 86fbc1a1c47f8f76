using Oversight.Benchmarks;

return args.FirstOrDefault() switch
{
    "transport" => await TransportLoad.RunAsync(args[1..]),
    "json" => await JsonLoad.RunAsync(args[1..]),
    "reader" => ReaderBenchmarks.Run(),
    "ingest" => await IngestLoad.RunAsync(args[1..]),
    "extract" => ExtractionBenchmarks.Run(),
    "aggregate" => await AggregateLoad.RunAsync(args[1..]),
    "sweep" => await SweepLoad.RunAsync(args[1..]),
    "reuse" => await ReuseLoad.RunAsync(args[1..]),
    "soak" => await SoakLoad.RunAsync(args[1..]),
    "attachments" => await AttachmentLoad.RunAsync(args[1..]),
    "console" => await ConsoleLoad.RunAsync(args[1..]),
    "watch" => await WatchLoad.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("""
        Oversight benchmarks (run with -c Release):
          transport [--seconds N] [--connections C] [--concurrency M]  unary load (h2load): grpc-dotnet vs bare Kestrel vs grpc-js vs grpcio,
                                      echo behind access control, ListReports with a key; calls/s, p50/p99, bytes/call
          json [--seconds N] [--concurrency M] [--connections C]  the quick-start platform's GetReport, ListReports and
                                      ListFindings over gRPC (HTTP/2) and over JSON (HTTP/1.1, h2load --h1): calls/s, p50/p99, bytes/call
          reader                      BenchmarkDotNet: reading the seeds and a 5 MB report
          ingest [N] [WARMUP]         N reports through the ingest stream into SQLite (default 10,000)
          extract                     BenchmarkDotNet: metric extraction on the seeds
          aggregate [N]               QueryAggregates over N reports' values in SQLite (default 100,000)
          sweep [N]                   compliance sweeps over N reports and the full registry (default 100,000)
          reuse [N]                   copy detection's index: build over N reports (default 100,000), then one report's lookup
          console [N]                 the web console's overview of a province (四川) holding N reports (default 100,000), over HTTP
          soak [SECONDS] [IDLE]       the platform process under idle connections, wrong keys and 7.4 MB submissions at once
                                      (default 60 s, 3,000 connections) while a normal caller reads; latency, errors, memory
          attachments [ROUNDS]        the seeds as PDF, DOCX, DOC and scans read through the attachment reader (default 3
                                      rounds; PDF and DOCX ×10): pages/s and files/s per format (needs tests/install-peers.sh)
          watch [BODIES] [HOSTS] [--rate R] [--parallel P] [--interval S] [--publications N]
                                      one watch pass over BODIES portal columns (2,000) on HOSTS simulated hosts (500): time, requests,
                                      peak memory, each host's observed rate against R (2/s); then passes every S seconds (60) and N
                                      reports (3) published one at a time: publication to findings stored
        ingest, aggregate, sweep, reuse and console take --postgres "Host=…;Username=…;Password=…" to run on databases of their own on
        that server instead of SQLite files (tests/start-postgres.sh durable starts one with fsync on).
        """);
    return 2;
}
