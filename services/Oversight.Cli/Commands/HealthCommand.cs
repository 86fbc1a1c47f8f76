using System.CommandLine;
using Grpc.Health.V1;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Grpc.Net.Client;
using Oversight.ServiceDefaults.Clients;
using Spectre.Console;

namespace Oversight.Cli.Commands;

/// <summary>`oversight health`: is each service up? Exit 0 when all serve, 1 otherwise.</summary>
public static class HealthCommand
{
    public static Command Create(ServerOptions servers, TextWriter output)
    {
        var command = new Command("health", "检查各服务是否在运行 (check that every service is serving)");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var targets = new (string Name, string Address)[]
            {
                ("ingestion", parse.GetValue(servers.Ingestion)!),
                ("metrics", parse.GetValue(servers.Metrics)!),
                ("compliance", parse.GetValue(servers.Compliance)!),
            };
            var console = Consoles.For(output);
            var table = new Table().AddColumn("服务 service").AddColumn("地址 address").AddColumn("状态 status");
            var allServing = true;
            foreach (var (name, address) in targets)
            {
                var status = await CheckAsync(address, cancellationToken);
                allServing &= status == "SERVING";
                table.AddRow(name, Markup.Escape(address), status == "SERVING" ? "[green]SERVING[/]" : $"[red]{Markup.Escape(status)}[/]");
            }
            console.Write(table);
            return allServing ? 0 : 1;
        });
        return command;
    }

    private static async Task<string> CheckAsync(string address, CancellationToken cancellationToken)
    {
        try
        {
            using var channel = GrpcChannel.ForAddress(address);
            var response = await new Health.HealthClient(channel)
                .CheckAsync(new HealthCheckRequest(),
                new CallOptions(deadline: TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(5), cancellationToken: cancellationToken));
            return response.Status.ToString().ToUpperInvariant();
        }
        catch (RpcException ex)
        {
            return $"{ex.StatusCode}: {ex.Status.Detail}";
        }
        catch (UriFormatException)
        {
            return "地址无效 (invalid address)";
        }
    }
}
