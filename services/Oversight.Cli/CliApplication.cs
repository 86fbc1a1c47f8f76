using System.CommandLine;
using Oversight.Cli.Commands;

namespace Oversight.Cli;

/// <summary>The `oversight` command line: one subcommand per task, human output by default.</summary>
public static class CliApplication
{
    /// <param name="time">The clock the commands' own waits run on (ingest's --timeout); the system's unless a test sets one.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider? time = null)
    {
        var servers = new ServerOptions();
        var root = new RootCommand("Oversight 法治政府建设年度报告 监督平台命令行 (rule-of-law annual report oversight)");
        servers.AddTo(root);
        var cli = new CliContext(servers, output, error, time ?? TimeProvider.System);
        root.Options.Add(cli.JsonOption);
        root.Subcommands.Add(HealthCommand.Create(servers, output));
        root.Subcommands.Add(AnalyzeCommand.Create(cli));
        root.Subcommands.Add(IngestCommand.Create(cli));
        root.Subcommands.Add(FindingsCommand.Create(cli));
        root.Subcommands.Add(ReuseCommand.Create(cli));
        root.Subcommands.Add(MetricsCommand.Create(cli));
        root.Subcommands.Add(SweepCommand.Create(cli));
        root.Subcommands.Add(WatchCommand.Create(cli));
        root.Subcommands.Add(ReportsCommand.Create(cli));
        root.Subcommands.Add(RulePacksCommand.Create(cli));
        root.Subcommands.Add(RegistryCommand.Create(cli));
        root.Subcommands.Add(KeysCommand.Create(cli));
        root.Subcommands.Add(AuditCommand.Create(cli));
        root.Subcommands.Add(PushCommand.Create(cli));
        // SIGTERM (a stopped cron job or CI runner, Kubernetes) and Ctrl+C cancel the command's calls; the command then
        // says what stands and exits 130. System.CommandLine's own handling let a running ingest go on to its end.
        using var stopping = new CancellationTokenSource();
        void Stop(System.Runtime.InteropServices.PosixSignalContext signal)
        {
            signal.Cancel = true;
            stopping.Cancel();
        }
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Stop);
        using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, Stop);
        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        return await root.Parse(args).InvokeAsync(configuration, stopping.Token);
    }
}
