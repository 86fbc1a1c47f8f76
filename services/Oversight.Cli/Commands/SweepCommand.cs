using Oversight.Analysis;
using System.CommandLine;
using System.Globalization;
using Oversight.Contracts.Common.V1;
using Oversight.Contracts.Compliance.V1;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Grpc.Net.Client;
using Oversight.Mapping;
using Oversight.ServiceDefaults.Clients;
using Spectre.Console;

namespace Oversight.Cli.Commands;

/// <summary>`oversight sweep run`: a sweep for a year as of a date, with progress and the summary.</summary>
public static class SweepCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("sweep", "合规巡查 (compliance sweeps)");
        command.Subcommands.Add(Run(cli));
        command.Subcommands.Add(List(cli));
        return command;
    }

    private static Command List(CliContext cli)
    {
        var year = new Option<int>("--year") { Description = "报告年度 (report year)" };
        var command = new Command("list", "列出过往巡查 (list past sweeps)") { year };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            using var channel = cli.Connect(parse, cli.Servers.Compliance);
            var response = await new ComplianceService.ComplianceServiceClient(channel)
                .ListSweepsAsync(new ListSweepsRequest { ReportYear = parse.GetValue(year), PageSize = 100 },
                new CallOptions(cancellationToken: cancellationToken));
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJson(response);
                return 0;
            }
            var table = new Table().AddColumn("id").AddColumn("年度 year").AddColumn("截至 as of").AddColumn("范围 scope").AddColumn("触发 trigger")
                .AddColumn("状态 status").AddColumn("无报告 without report");
            foreach (var s in response.Sweeps)
            {
                table.AddRow(s.SweepId, s.ReportYear.ToString(CultureInfo.InvariantCulture), $"{s.AsOf.Year:D4}-{s.AsOf.Month:D2}-{s.AsOf.Day:D2}",
                    s.ScopePrefix, Markup.Escape(s.Trigger), s.Status,
                    (s.Summary?.BodiesWithoutReport ?? 0).ToString(CultureInfo.InvariantCulture));
            }
            cli.Console.Write(table);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Run(CliContext cli)
    {
        var year = new Option<int>("--year") { Description = "报告年度,默认上一年 (report year; default last year, as a scheduler wants)" };
        var asOf = new Option<string>("--as-of") { Description = "按哪一天判断时限,yyyy-MM-dd,默认今天 (judge deadlines as of this day)", DefaultValueFactory = _ => "" };
        var scope = new Option<string>("--prefix") { Description = "行政区划代码前缀 (scope prefix)", DefaultValueFactory = _ => "" };
        var type = new Option<string>("--type") { Description = "报告类型:rule_of_law(默认)或 information_disclosure (report type)", DefaultValueFactory = _ => "" };
        var command = new Command("run", "运行一次巡查 (run a sweep)") { year, asOf, scope, type };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            var reportYear = parse.GetValue(year) is > 0 and var given ? given : TimeProvider.System.GetUtcNow().ToOffset(ChinaTime.Offset).Year - 1;
            var request = new RunSweepRequest
            {
                ReportYear = reportYear, ScopePrefix = parse.GetValue(scope)!, ReportType = parse.GetValue(type)!,
                Trigger = Environment.GetEnvironmentVariable("OVERSIGHT_SWEEP_TRIGGER") is { Length: > 0 } trigger ? trigger : "cli"
            };
            if (parse.GetValue(asOf) is { Length: > 0 } day)
            {
                var date = DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                    ? parsed : throw new ArgumentException($"--as-of '{day}' 无效:请写成 yyyy-MM-dd,如 2026-04-02");
                request.AsOf = CommonMessages.ToDate(date);
            }
            using var channel = cli.Connect(parse, cli.Servers.Compliance);
            using var call = new ComplianceService.ComplianceServiceClient(channel).RunSweep(request, new CallOptions(cancellationToken: cancellationToken));
            var completed = await cli.WithProgressAsync("巡查 sweep", async report =>
            {
                Sweep? done = null;
                await foreach (var item in call.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    if (item.EventCase == SweepEvent.EventOneofCase.Progress && !parse.GetValue(cli.JsonOption))
                    {
                        report(item.Progress.Done, item.Progress.Total);
                    }
                    done = item.Completed ?? done;
                }
                return done;
            });
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJson(completed!);
                return 0;
            }
            var summary = completed!.Summary;
            cli.Output.WriteLine(
                $"巡查 {completed.SweepId} {completed.Status}: {summary.ReportsChecked} 份报告, 应报告 {summary.BodiesExpected} 个机关, " +
                $"其中 {summary.BodiesWithoutReport} 个没有报告");
            var table = new Table().AddColumn("代码 code").AddColumn("级别 severity").AddColumn("数量 count");
            foreach (var count in summary.ByCode)
            {
                table.AddRow(count.Code, count.Severity, count.Count.ToString(CultureInfo.InvariantCulture));
            }
            cli.Console.Write(table);
            return 0;
        }, cancellationToken));
        return command;
    }
}
