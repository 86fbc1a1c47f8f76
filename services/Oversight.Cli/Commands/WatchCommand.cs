using System.CommandLine;
using System.Globalization;
using Grpc.Core;
using Oversight.Contracts.Watching.V1;
using Spectre.Console;
using Oversight.Vocabulary;

namespace Oversight.Cli.Commands;

/// <summary>`oversight watch run|status`: a watch pass over the portal columns now, and the latest passes with the failing hosts.</summary>
public static class WatchCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("watch", "网站监测:读取登记的门户栏目,发现并提交年度报告 (watch the portals)");
        command.Subcommands.Add(Run(cli));
        command.Subcommands.Add(Status(cli));
        return command;
    }

    private static Command Run(CliContext cli)
    {
        var prefix = new Option<string>("--prefix") { Description = "行政区划代码前缀 (code prefix)", DefaultValueFactory = _ => "" };
        var command = new Command("run", "立即运行一次监测并等待结束 (run a watch pass now)") { prefix };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            using var channel = cli.Connect(parse, cli.Servers.Watching);
            var pass = await new WatchingService.WatchingServiceClient(channel)
                .RunWatchAsync(new RunWatchRequest { CodePrefix = parse.GetValue(prefix)! }, new CallOptions(cancellationToken: cancellationToken));
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJson(pass);
            }
            else
            {
                cli.Console.Write(Passes([pass]));
            }
            return pass.Status == RunStatuses.Completed ? 0 : 1;
        }, cancellationToken));
        return command;
    }

    private static Command Status(CliContext cli)
    {
        var count = new Option<int>("--passes") { Description = "显示最近几次 (how many passes, 1–100)", DefaultValueFactory = _ => 10 };
        var command = new Command("status", "最近的监测及持续失败的网站 (latest passes and failing hosts)") { count };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            using var channel = cli.Connect(parse, cli.Servers.Watching);
            var status = await new WatchingService.WatchingServiceClient(channel)
                .GetWatchStatusAsync(new GetWatchStatusRequest { Passes = parse.GetValue(count) }, new CallOptions(cancellationToken: cancellationToken));
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJson(status);
                return 0;
            }
            cli.Console.Write(Passes(status.Passes));
            if (status.FailingHosts.Count > 0)
            {
                var hosts = new Table().AddColumn("网站 host").AddColumn("连续失败 failures").AddColumn("原因 error").AddColumn("下次尝试 retry after");
                foreach (var host in status.FailingHosts)
                {
                    hosts.AddRow(Markup.Escape(host.Host), host.ConsecutiveFailures.ToString(CultureInfo.InvariantCulture), Markup.Escape(host.LastError),
                        host.RetryAfter?.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture) ?? "");
                }
                cli.Console.Write(hosts);
            }
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Table Passes(IEnumerable<WatchPass> passes)
    {
        var table = new Table().AddColumn("开始 started").AddColumn("状态 status").AddColumn("栏目 columns").AddColumn("列表页 lists").AddColumn("抓取 fetched")
            .AddColumn("未变 304").AddColumn("发现 found").AddColumn("提交 submitted").AddColumn("拒收 rejected").AddColumn("robots 禁止").AddColumn("失败 failed");
        foreach (var p in passes)
        {
            table.AddRow(p.StartedAt?.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture) ?? "", p.Status, N(p.Columns), N(p.ListPages),
                N(p.Fetched),
                N(p.NotModified), N(p.ReportsFound), N(p.Submitted), N(p.Rejected), N(p.Disallowed), N(p.Failed));
        }
        return table;
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
