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

    public static Command Create(CliContext cli)
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "报告文件、文件夹(递归)或报告页面网址 http(s)://…(report files, folders, or page addresses the platform fetches)",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("ingest", "把报告文件或网址提交到摄取服务 (submit report files or addresses to ingestion)") { paths };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
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
            using var call = new IngestionService.IngestionServiceClient(channel).IngestReports(new CallOptions(cancellationToken: cancellationToken));
            var writing = Task.Run(async () =>
            {
                foreach (var file in files)
                {
                    var request = IsAddress(file)
                        ? new SubmitReportRequest { Url = file, ClientReference = file }
                        : new SubmitReportRequest
                        {
                            Content = ByteString.CopyFrom(await File.ReadAllBytesAsync(file, cancellationToken)),
                            ClientReference = file
                        };
                    await call.RequestStream.WriteAsync(request, cancellationToken);
                }
                await call.RequestStream.CompleteAsync();
            }, cancellationToken);
            var results = await cli.WithProgressAsync("提交 ingest", async report =>
            {
                var received = new List<IngestResult>();
                await foreach (var result in call.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    received.Add(result);
                    if (!parse.GetValue(cli.JsonOption))
                    {
                        report(received.Count, files.Count);
                    }
                }
                return received;
            });
            await writing;
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJsonLines(results);
            }
            else
            {
                Print(cli, results);
            }
            return results.Any(r => r.ResultCase == IngestResult.ResultOneofCase.Rejected) ? 1 : 0;
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
