using System.CommandLine;
using System.Security.Cryptography;
using Google.Protobuf;
using Oversight.Access;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.ServiceDefaults.Clients;
using Spectre.Console;

namespace Oversight.Cli;

/// <summary>What every command shares: where the services are, how to print, and how failures become exit codes.</summary>
public sealed class CliContext(ServerOptions servers, TextWriter output, TextWriter error, TimeProvider? time = null)
{
    /// <summary>Stopped by SIGTERM or Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    public const int Failed = 2;

    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    public ServerOptions Servers => servers;

    /// <summary>The clock the commands' own waits run on.</summary>
    public TimeProvider Time { get; } = time ?? TimeProvider.System;

    /// <summary>
    /// A channel to one service that sends the caller's key: OVERSIGHT_KEY, else the key file (the platform's
    /// administrator key in ./data by default). No key found sends none, and the service says what is missing.
    /// Keys are never taken as a flag, so they stay out of shell history and process lists.
    /// </summary>
    public ServiceChannel Connect(ParseResult parse, Option<string> service)
    {
        var key = Environment.GetEnvironmentVariable("OVERSIGHT_KEY") is { Length: > 0 } fromEnvironment
            ? fromEnvironment.Trim()
            : KeyFiles.Read(parse.GetValue(servers.KeyFile)!);
        // Cleartext to another host only when the environment says so (a cluster network); loopback never needs it.
        var plaintext = string.Equals(Environment.GetEnvironmentVariable("OVERSIGHT_ALLOW_PLAINTEXT"), "true", StringComparison.OrdinalIgnoreCase);
        var authority = parse.GetValue(servers.CaFile);
        var options = new ClientTransportOptions { ServerCertificateAuthorityPath = authority, AllowPlaintext = plaintext };
        ClientTransport transport;
        try
        {
            transport = options.CreateTransport();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or CryptographicException)
        {
            throw new ArgumentException($"无法读取 --ca-file {authority}:请给出服务证书签发机构的 PEM 证书文件 ({ex.Message})", ex);
        }
        return ServiceChannel.For(parse.GetValue(service)!, () => key, transport);
    }

    public TextWriter Output => output;

    public IAnsiConsole Console => Consoles.For(output);

    /// <summary>A person at a terminal (progress bars, colours) rather than a pipe or a script.</summary>
    public bool Interactive => ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;

    /// <summary>Runs <paramref name="work"/> with a progress bar on a terminal; elsewhere the callback prints a line now and then.</summary>
    public async Task<T> WithProgressAsync<T>(string description, Func<Action<long, long>, Task<T>> work)
    {
        if (!Interactive)
        {
            var sinceLast = System.Diagnostics.Stopwatch.StartNew();
            var first = true;
            return await work((done, total) =>
            {
                if (first || sinceLast.Elapsed > TimeSpan.FromSeconds(1) || done == total)
                {
                    first = false;
                    sinceLast.Restart();
                    output.WriteLine($"{description}: {done}/{total}");
                }
            });
        }
        T result = default!;
        await Console.Progress().StartAsync(async context =>
        {
            var task = context.AddTask(description);
            result = await work((done, total) =>
            {
                task.MaxValue = Math.Max(1, total);
                task.Value = done;
            });
        });
        return result;
    }

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

    /// <summary>
    /// Runs a command's work; a gRPC error prints the status and the server's message, never a stack trace. SIGTERM or
    /// Ctrl+C cancels the work (the calls with it) and exits 130, saying that what the server acknowledged stands.
    /// </summary>
    public async Task<int> RunAsync(Func<Task<int>> work, CancellationToken cancellationToken = default)
    {
        try
        {
            return await work();
        }
        // Once we cancel, a call may also end UNAVAILABLE ("the request was aborted") when the cancel races a read:
        // it is still our own stop, not the server's failure.
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is OperationCanceledException or RpcException)
        {
            await error.WriteLineAsync("已取消 cancelled: 已被服务确认的部分有效,重新运行时已提交的报告会被识别为重复 (what the server acknowledged stands)");
            return Cancelled;
        }
        catch (RpcException ex)
        {
            var reason = ServiceError.ReasonOf(ex);
            var named = reason is null || ex.Status.Detail.Contains(reason, StringComparison.Ordinal) ? "" : $" ({reason})";
            await error.WriteLineAsync($"错误 error: {ex.StatusCode}: {ex.Status.Detail}{named}");
            return Failed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or UriFormatException or ArgumentException or TimeoutException
            or Oversight.ServiceDefaults.Errors.StartupRefusedException)
        {
            await error.WriteLineAsync($"错误 error: {ex.Message}");
            return Failed;
        }
    }
}
