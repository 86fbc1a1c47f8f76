using System.CommandLine;
using Google.Protobuf;
using Oversight.Contracts.Ingestion.V1;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Grpc.Net.Client;
using Oversight.ServiceDefaults.Clients;
using Spectre.Console;

namespace Oversight.Cli.Commands;

/// <summary>
/// `oversight ingest PATH|URL…`: files or folders (recursively), or page addresses the platform fetches itself (with their
/// attachments), through one ingest stream, then a summary.
/// </summary>
public static class IngestCommand
{
    private static readonly string[] Extensions = [".txt", ".html", ".htm"];

    /// <summary>
    /// The default wait for each answer: longer than the server's own bounds on one submission by address (the page and up
    /// to Ingestion:MaxAttachments attachments fetched, each within Outbound:Timeout, 30 s; their reading within
    /// Ingestion:ConversionTimeout, 5 min), so the server's own refusal arrives first.
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(15);

    public static Command Create(CliContext cli)
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "报告文件、文件夹(递归)或报告页面网址 http(s)://…(report files, folders, or page addresses the platform fetches)",
            Arity = ArgumentArity.OneOrMore,
        };
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "每份报告等待服务答复的最长时间(网址:抓取页面和附件、识别扫描件),超过即停止并报错 "
                + "(the longest to wait for each answer)",
            DefaultValueFactory = _ => DefaultTimeout,
        };
        var command = new Command("ingest", "把报告文件或网址提交到摄取服务 (submit report files or addresses to ingestion)") { paths, timeout };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            var wait = parse.GetValue(timeout);
            if (wait <= TimeSpan.Zero)
            {
                throw new ArgumentException($"--timeout {wait} 必须大于 0:请填写如 00:15:00 的时长 (must be positive)");
            }
            var files = new List<string>();
            foreach (var path in parse.GetValue(paths)!)
            {
                if (IsAddress(path))
                {
                    files.Add(path);
                }
                else if (Directory.Exists(path))
                {
                    files.AddRange(Directory.GetFiles(path, "*", SearchOption.AllDirectories)
                        .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal));
                }
                else if (File.Exists(path))
                {
                    files.Add(path);
                }
                else
                {
                    throw new IOException($"找不到文件或文件夹 '{path}' (no such file or folder)");
                }
            }
            using var channel = cli.Connect(parse, cli.Servers.Ingestion);
            // Each answer has its own wait instead of one deadline for the whole stream: a folder of thousands takes as
            // long as it needs, and one address whose page, attachments or scans never finish stops the command.
            using var waited = new CancellationTokenSource(wait, cli.Time);
            using var answer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, waited.Token);
            using var call = new IngestionService.IngestionServiceClient(channel)
                .IngestReports(new CallOptions(deadline: DateTime.MaxValue, cancellationToken: answer.Token));
            var writing = Task.Run(async () =>
            {
                foreach (var file in files)
                {
                    var request = IsAddress(file)
                        ? new SubmitReportRequest { Url = file, ClientReference = file }
                        : new SubmitReportRequest
                        {
                            Content = ByteString.CopyFrom(await File.ReadAllBytesAsync(file, answer.Token)),
                            ClientReference = file
                        };
                    await call.RequestStream.WriteAsync(request, answer.Token);
                }
                await call.RequestStream.CompleteAsync();
            }, answer.Token);
            var received = new List<IngestResult>();
            try
            {
                await cli.WithProgressAsync("提交 ingest", async report =>
                {
                    await foreach (var result in call.ResponseStream.ReadAllAsync(answer.Token))
                    {
                        waited.CancelAfter(wait);
                        received.Add(result);
                        if (!parse.GetValue(cli.JsonOption))
                        {
                            report(received.Count, files.Count);
                        }
                    }
                    return received;
                });
                await writing;
            }
            catch (Exception ex) when (waited.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                && ex is OperationCanceledException or RpcException)
            {
                await writing.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                throw new TimeoutException($"等待第 {received.Count + 1} 份的答复超过 {wait} 仍未收到,已停止 (no answer within --timeout):"
                    + $"已收到答复的 {received.Count} 份有效;请检查服务是否在运行,或用 --timeout 加长等待后重新运行,已提交的报告会被识别为重复");
            }
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJsonLines(received);
            }
            else
            {
                Print(cli, received);
            }
            return received.Any(r => r.ResultCase == IngestResult.ResultOneofCase.Rejected) ? 1 : 0;
        }, cancellationToken));
        return command;
    }

    // An argument that is an http or https address is a page for the platform to fetch, not a file.
    private static bool IsAddress(string path) =>
        path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static void Print(CliContext cli, List<IngestResult> results)
    {
        var accepted = results.Where(r => r.ResultCase == IngestResult.ResultOneofCase.Accepted).Select(r => r.Accepted).ToList();
        cli.Output.WriteLine(
            $"共 {results.Count} 份: 新增 created {accepted.Count(a => a.Outcome == "created")}, 修订 " +
            $"revised {accepted.Count(a => a.Outcome == "revised")}, 重复 duplicate {accepted.Count(a => a.Duplicate)}, 未接收 " +
            $"rejected {results.Count - accepted.Count}");
        var rejected = results.Where(r => r.ResultCase == IngestResult.ResultOneofCase.Rejected).ToList();
        if (rejected.Count > 0)
        {
            var table = new Table().AddColumn("文件 file").AddColumn("原因 reason").AddColumn("说明 message");
            foreach (var r in rejected)
            {
                table.AddRow(Markup.Escape(r.ClientReference), Markup.Escape(r.Rejected.Reason), Markup.Escape(r.Rejected.Message));
            }
            cli.Console.Write(table);
        }
    }
}
