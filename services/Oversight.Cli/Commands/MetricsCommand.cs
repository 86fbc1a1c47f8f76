using System.CommandLine;
using System.Globalization;
using System.Text;
using Oversight.Contracts.Metrics.V1;
using Oversight.Mapping;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Grpc.Net.Client;
using Oversight.ServiceDefaults.Clients;
using Spectre.Console;

namespace Oversight.Cli.Commands;

/// <summary>`oversight metrics query`: aggregates of stated figures, as a table, CSV or JSON.</summary>
public static class MetricsCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("metrics", "报告中的数据 (figures the reports state)");
        command.Subcommands.Add(Query(cli));
        command.Subcommands.Add(Compare(cli));
        command.Subcommands.Add(Export(cli));
        return command;
    }

    private static Command Export(CliContext cli)
    {
        var indicators = new Option<string[]>("--indicator") { Description = "指标 id,可多次指定 (indicator ids)", AllowMultipleArgumentsPerToken = true };
        var prefix = new Option<string>("--prefix") { Description = "行政区划代码前缀 (code prefix)", DefaultValueFactory = _ => "" };
        var year = new Option<int>("--year") { Description = "报告年度 (report year)" };
        var level = new Option<string>("--level") { Description = "county / township / …", DefaultValueFactory = _ => "" };
        var superseded = new Option<bool>("--include-superseded") { Description = "包括旧修订的数据 (include superseded revisions)" };
        var command = new Command("export", "导出每一项数据及其出处,CSV (export every value with its evidence, as CSV)") { indicators, prefix, year, level, superseded };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            var request = new ExportValuesRequest
            {
                JurisdictionPrefix = parse.GetValue(prefix)!, ReportYear = parse.GetValue(year),
                Level = parse.GetValue(level)!, IncludeSuperseded = parse.GetValue(superseded)
            };
            request.Indicators.AddRange(parse.GetValue(indicators) ?? []);
            using var channel = cli.Connect(parse, cli.Servers.Metrics);
            using var call = new MetricsService.MetricsServiceClient(channel).ExportValues(request, new CallOptions(cancellationToken: cancellationToken));
            var json = parse.GetValue(cli.JsonOption);
            if (!json)
            {
                await cli.Output.WriteLineAsync(
                    "report_id,revision,jurisdiction_code,report_year,level,indicator,value,value_upper,unit,qualifier,used_in_aggregate,raw_text," +
                    "section_path,span_start,span_length,excerpt");
            }
            await foreach (var v in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                if (json)
                {
                    cli.WriteJson(v);
                    continue;
                }
                await cli.Output.WriteLineAsync(ExportLine(v));
            }
            return 0;
        }, cancellationToken));
        return command;
    }

    /// <summary>One exported value as a CSV line: figures as numbers, everything from a report or the catalog as neutralised text.</summary>
    public static string ExportLine(MetricValue v) => CsvCells.Line(
        CsvCells.Text(v.ReportId), CsvCells.Number(v.Revision), CsvCells.Text(v.JurisdictionCode), CsvCells.Number(v.ReportYear), CsvCells.Text(v.Level),
        CsvCells.Text(v.Indicator),
        CsvCells.Number(v.Value), v.ValueUpper == 0 ? "" : CsvCells.Number(v.ValueUpper), CsvCells.Text(v.Unit), CsvCells.Text(v.Qualifier),
        v.UsedInAggregate ? "true" : "false",
        CsvCells.QuotedText(v.RawText), CsvCells.QuotedText(v.Evidence?.SectionPath ?? ""),
        CsvCells.Number(v.Evidence?.Span?.Start ?? 0), CsvCells.Number(v.Evidence?.Span?.Length ?? 0), CsvCells.QuotedText(v.Evidence?.Excerpt ?? ""));

    private static Command Compare(CliContext cli)
    {
        var code = new Argument<string>("jurisdiction-code") { Description = "行政区划代码,如 140225 (jurisdiction code)" };
        var indicators = new Option<string[]>("--indicator") { Description = "指标 id,可多次指定 (indicator ids)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("compare", "一个辖区逐年对比 (one jurisdiction year by year)") { code, indicators };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            var request = new CompareYearsRequest { JurisdictionCode = parse.GetValue(code)! };
            request.Indicators.AddRange(parse.GetValue(indicators) ?? []);
            using var channel = cli.Connect(parse, cli.Servers.Metrics);
            var response = await new MetricsService.MetricsServiceClient(channel)
                .CompareYearsAsync(request, new CallOptions(cancellationToken: cancellationToken));
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJson(response);
                return 0;
            }
            var table = new Table().AddColumn("指标 indicator");
            foreach (var year in response.Years)
            {
                table.AddColumn(year.ToString(CultureInfo.InvariantCulture));
            }
            foreach (var series in response.Series)
            {
                table.AddRow([series.Indicator,
                    .. series.Points.Select(p => p.Stated ? N(p.Value) + (p.ChangeKnown ? $" ({(p.Change >= 0 ? "+" : "")}{N(p.Change)})" : "") : "-")]);
            }
            cli.Console.Write(table);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Query(CliContext cli)
    {
        var indicators = new Option<string[]>("--indicator")
        {
            Description = "指标 id,可多次指定,如 legal_aid.cases (indicator ids)",
            AllowMultipleArgumentsPerToken = true
        };
        var prefix = new Option<string>("--prefix") { Description = "行政区划代码前缀 (code prefix)", DefaultValueFactory = _ => "" };
        var year = new Option<int>("--year") { Description = "报告年度 (report year)" };
        var level = new Option<string>("--level") { Description = "county / township / …", DefaultValueFactory = _ => "" };
        var groupBy = new Option<string>("--group-by") { Description = "jurisdiction / parent / level / year", DefaultValueFactory = _ => "" };
        var csv = new Option<bool>("--csv") { Description = "输出 CSV (print CSV)" };
        var command = new Command("query", "汇总各辖区的数据 (aggregate figures across jurisdictions)") { indicators, prefix, year, level, groupBy, csv };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            var grouping = parse.GetValue(groupBy) switch
            {
                "" => AggregateGrouping.Unspecified,
                "jurisdiction" => AggregateGrouping.Jurisdiction,
                "parent" => AggregateGrouping.Parent,
                "level" => AggregateGrouping.Level,
                "year" => AggregateGrouping.Year,
                var other => throw new ArgumentException($"--group-by '{other}' 无效:可选 jurisdiction、parent、level、year"),
            };
            var request = new QueryAggregatesRequest
            {
                JurisdictionPrefix = parse.GetValue(prefix)!, ReportYear = parse.GetValue(year), Level = parse.GetValue(level)!, GroupBy = grouping,
                Layout = AggregateLayout.Groups, PageSize = AggregatePage,
            };
            request.Indicators.AddRange(parse.GetValue(indicators) ?? []);
            using var channel = cli.Connect(parse, cli.Servers.Metrics);
            var client = new MetricsService.MetricsServiceClient(channel);
            var response = new QueryAggregatesResponse();
            do
            {
                var page = await client.QueryAggregatesAsync(request, new CallOptions(cancellationToken: cancellationToken));
                response.CatalogVersion = page.CatalogVersion;
                // Printed, and written as CSV and JSON, in rows: one per group and indicator.
                AggregateMessages.AddRows(page, response.Rows);
                request.PageToken = page.NextPageToken;
            }
            while (request.PageToken.Length > 0);
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJson(response);
            }
            else if (parse.GetValue(csv))
            {
                cli.Output.Write(Csv(response));
            }
            else
            {
                var table = new Table().AddColumn("分组 group").AddColumn("指标 indicator").AddColumn("单位 unit").AddColumn("合计 sum").AddColumn("最小 min")
                    .AddColumn("最大 max").AddColumn("平均 mean").AddColumn("有数据 stating").AddColumn("无数据 not stating");
                foreach (var row in response.Rows)
                {
                    table.AddRow(Markup.Escape($"{row.GroupLabel} {row.GroupKey}".Trim()), row.Indicator, Markup.Escape(row.Unit), N(row.Sum), N(row.Min),
                        N(row.Max), N(row.Mean),
                        row.ReportsStating.ToString(CultureInfo.InvariantCulture), row.ReportsNotStating.ToString(CultureInfo.InvariantCulture));
                }
                cli.Console.Write(table);
            }
            return 0;
        }, cancellationToken));
        return command;
    }

    // Groups in pages of this many, so a country-wide table stays under the 4 MB a client receives by default.
    private const int AggregatePage = 500;

    public static string Csv(QueryAggregatesResponse response)
    {
        var csv = new StringBuilder("group_key,group_label,indicator,unit,sum,min,max,mean,reports_stating,reports_not_stating\n");
        foreach (var r in response.Rows)
        {
            csv.Append(CsvCells.Line(
                CsvCells.Text(r.GroupKey), CsvCells.Text(r.GroupLabel), CsvCells.Text(r.Indicator), CsvCells.Text(r.Unit), CsvCells.Number(r.Sum),
                CsvCells.Number(r.Min), CsvCells.Number(r.Max),
                CsvCells.Number(r.Mean), CsvCells.Number(r.ReportsStating), CsvCells.Number(r.ReportsNotStating))).Append('\n');
        }
        return csv.ToString();
    }

    private static string N(double value) => CsvCells.Number(value);
}
