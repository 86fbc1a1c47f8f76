using System.CommandLine;
using Google.Protobuf;
using Oversight.Rpc;
using Spectre.Console;

namespace Oversight.Cli;

/// <summary>What every command shares: where the services are, how to print, and how failures become exit codes.</summary>
public sealed class CliContext(ServerOptions servers, TextWriter output, TextWriter error)
{
    public const int Failed = 2;

    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    public ServerOptions Servers => servers;

    public TextWriter Output => output;

    public IAnsiConsole Console => Consoles.For(output);

    /// <summary>--json: print the protobuf JSON mapping instead of tables.</summary>
    public Option<bool> JsonOption { get; } = new("--json") { Description = "输出 JSON(protobuf JSON 映射)(print JSON)", Recursive = true };

    public void WriteJson(IMessage message) => output.WriteLine(Json.Format(message));

    public void WriteJsonLines(IEnumerable<IMessage> messages)
    {
        foreach (var message in messages)
        {
            WriteJson(message);
        }
    }

    /// <summary>Runs a command's work; a gRPC error prints the status and the server's message, never a stack trace.</summary>
    public async Task<int> RunAsync(Func<Task<int>> work)
    {
        try
        {
            return await work();
        }
        catch (RpcException ex)
        {
            var reason = ServiceError.ReasonOf(ex);
            await error.WriteLineAsync($"错误 error: {ex.StatusCode}: {ex.Status.Detail}{(reason is null || ex.Status.Detail.Contains(reason, StringComparison.Ordinal) ? "" : $" ({reason})")}");
            return Failed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or UriFormatException or ArgumentException)
        {
            await error.WriteLineAsync($"错误 error: {ex.Message}");
            return Failed;
        }
    }
}
