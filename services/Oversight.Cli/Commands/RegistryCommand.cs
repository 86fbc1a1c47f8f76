using System.CommandLine;
using Google.Protobuf;
using Oversight.Contracts.Compliance.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Oversight.ServiceDefaults.Clients;
using Spectre.Console;

namespace Oversight.Cli.Commands;

/// <summary>`oversight registry import|list`: the bodies that must report.</summary>
public static class RegistryCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("registry", "应当报告的机关名录 (registry of bodies that must report)");
        var file = new Argument<string>("file") { Description = "CSV 文件:code,name,level,parent_code,kind,must_report (CSV file)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "只检查,不保存 (check only)" };
        var import = new Command("import", "导入名录 CSV (import a registry CSV)") { file, dryRun };
        import.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            using var channel = cli.Connect(parse, cli.Servers.Compliance);
            using var call = new ComplianceService.ComplianceServiceClient(channel).ImportRegistry(new CallOptions(cancellationToken: cancellationToken));
            await using (var stream = File.OpenRead(parse.GetValue(file)!))
            {
                var buffer = new byte[64 * 1024];
                var first = true;
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    await call.RequestStream.WriteAsync(
                        new ImportRegistryRequest { CsvChunk = ByteString.CopyFrom(buffer, 0, read), DryRun = first && parse.GetValue(dryRun) },
                        cancellationToken);
                    first = false;
                }
            }
            await call.RequestStream.CompleteAsync();
            var response = await call;
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJson(response);
                return response.Errors.Count > 0 ? 1 : 0;
            }
            cli.Output.WriteLine(
                $"读取 {response.RowsRead} 行: 新增 {response.Inserted}, 更新 {response.Updated}, 未变 {response.Unchanged}, 错误 {response.Errors.Count}");
            foreach (var error in response.Errors)
            {
                cli.Output.WriteLine($"  第 {error.Line} 行 {error.Reason}: {error.Message}");
            }
            return response.Errors.Count > 0 ? 1 : 0;
        }, cancellationToken));
        command.Subcommands.Add(import);

        var prefix = new Option<string>("--prefix") { Description = "代码前缀 (code prefix)", DefaultValueFactory = _ => "" };
        var level = new Option<string>("--level") { Description = "county / township / department …", DefaultValueFactory = _ => "" };
        var mustReport = new Option<bool>("--must-report") { Description = "只列应当报告的 (only bodies that must report)" };
        var list = new Command("list", "列出名录 (list the registry)") { prefix, level, mustReport };
        list.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            using var channel = cli.Connect(parse, cli.Servers.Compliance);
            var client = new ComplianceService.ComplianceServiceClient(channel);
            var bodies = new List<Body>();
            var token = "";
            do
            {
                var page = await client.ListRegistryAsync(
                    new ListRegistryRequest
                    {
                        CodePrefix = parse.GetValue(prefix)!, Level = parse.GetValue(level)!,
                        MustReportOnly = parse.GetValue(mustReport), PageSize = 500, PageToken = token
                    }, new CallOptions(cancellationToken: cancellationToken));
                bodies.AddRange(page.Bodies);
                token = page.NextPageToken;
            }
            while (token.Length > 0);
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJsonLines(bodies);
                return 0;
            }
            var table = new Table().AddColumn("代码 code").AddColumn("名称 name").AddColumn("级别 level").AddColumn("上级 parent").AddColumn("类型 kind")
                .AddColumn("应报告 must report");
            foreach (var b in bodies)
            {
                table.AddRow(b.Code, Markup.Escape(b.Name), b.Level, b.ParentCode, b.Kind, b.MustReport ? "是" : "否");
            }
            cli.Console.Write(table);
            return 0;
        }, cancellationToken));
        command.Subcommands.Add(list);
        return command;
    }
}
