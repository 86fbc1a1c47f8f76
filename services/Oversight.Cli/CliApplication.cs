using System.CommandLine;
using Oversight.Cli.Commands;

namespace Oversight.Cli;

/// <summary>The `oversight` command line: one subcommand per task, human output by default.</summary>
public static class CliApplication
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var servers = new ServerOptions();
        var root = new RootCommand("Oversight 法治政府建设年度报告 监督平台命令行 (rule-of-law annual report oversight)");
        servers.AddTo(root);
        root.Subcommands.Add(HealthCommand.Create(servers, output));
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await root.Parse(args).InvokeAsync(configuration);
    }
}
