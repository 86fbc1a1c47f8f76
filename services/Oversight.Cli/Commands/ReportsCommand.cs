using Oversight.Analysis;
using System.CommandLine;
using System.Globalization;
using Oversight.Contracts.Ingestion.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Oversight.ServiceDefaults.Clients;
using Spectre.Console;

namespace Oversight.Cli.Commands;

/// <summary>`oversight reports list|show`.</summary>
public static class ReportsCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("reports", "已收录的报告 (stored reports)");
        command.Subcommands.Add(List(cli));
        command.Subcommands.Add(Show(cli));
        return command;
    }

    private static Command List(CliContext cli)
    {
        var prefix = new Option<string>("--prefix") { Description = "行政区划代码前缀 (code prefix)", DefaultValueFactory = _ => "" };
        var year = new Option<int>("--year") { Description = "报告年度 (report year)" };
        var level = new Option<string>("--level") { Description = "county / township / …", DefaultValueFactory = _ => "" };
        var command = new Command("list", "列出报告 (list reports)") { prefix, year, level };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            using var channel = cli.Connect(parse, cli.Servers.Ingestion);
            var client = new IngestionService.IngestionServiceClient(channel);
            var reports = new List<ReportSummary>();
            var token = "";
            do
            {
                var filter = new ReportFilter
                {
                    JurisdictionPrefix = parse.GetValue(prefix)!, ReportYear = parse.GetValue(year),
                    Level = parse.GetValue(level)!
                };
                var page = await client.ListReportsAsync(new ListReportsRequest { Filter = filter, PageSize = 500, PageToken = token },
                    new CallOptions(cancellationToken: cancellationToken));
                reports.AddRange(page.Reports);
                token = page.NextPageToken;
            }
            while (token.Length > 0);
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJsonLines(reports);
                return 0;
            }
            var table = new Table().AddColumn("id").AddColumn("修订 rev").AddColumn("辖区 jurisdiction").AddColumn("年度 year").AddColumn("发布 published")
                .AddColumn("标题 title");
            foreach (var r in reports)
            {
                var m = r.Metadata;
                table.AddRow(r.ReportId, r.Revision.ToString(CultureInfo.InvariantCulture), Markup.Escape($"{m.JurisdictionName} {m.JurisdictionCode}"),
                    m.ReportYear.ToString(CultureInfo.InvariantCulture),
                    m.PublishedAt?.ToDateTimeOffset().ToOffset(ChinaTime.Offset)
                        .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "未知", Markup.Escape(m.Title));
            }
            cli.Console.Write(table);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Show(CliContext cli)
    {
        var id = new Argument<string>("report-id") { Description = "报告 id (report id)" };
        var revision = new Option<int>("--revision") { Description = "修订号,默认当前 (revision; default current)" };
        var command = new Command("show", "显示一份报告的元数据和结构 (show a report's metadata and outline)") { id, revision };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            using var channel = cli.Connect(parse, cli.Servers.Ingestion);
            var report = await new IngestionService.IngestionServiceClient(channel)
                .GetReportAsync(new GetReportRequest { ReportId = parse.GetValue(id)!, Revision = parse.GetValue(revision) },
                new CallOptions(cancellationToken: cancellationToken));
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJson(report);
                return 0;
            }
            var m = report.Metadata;
            cli.Output.WriteLine(
                $"{m.Title} | {m.Issuer} | {m.JurisdictionName} {m.JurisdictionCode} ({m.Level}) | {m.ReportYear}年度 | 第 {report.Revision} 次修订");
            var table = new Table().AddColumn("部分 section").AddColumn("类型 kind").AddColumn("依据 basis");
            foreach (var section in report.Outline.Sections)
            {
                table.AddRow(Markup.Escape($"{section.Number} {section.Heading}"), section.Kind, KindBasis.Of(section.KindSource, section.KindConfidence));
            }
            cli.Console.Write(table);
            return 0;
        }, cancellationToken));
        return command;
    }
}
