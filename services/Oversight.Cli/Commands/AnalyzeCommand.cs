using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Oversight.Analysis;
using Oversight.Analysis.Indicators;
using Oversight.Analysis.Metadata;
using Oversight.Analysis.Rules;
using Oversight.Mapping;
using Spectre.Console;

namespace Oversight.Cli.Commands;

/// <summary>
/// `oversight analyze FILE…`: offline, no server. Reads each file with the platform's reader, checks it with the
/// shipped rule packs and extracts its figures. Exit 1 when any file has an error finding (or cannot be read).
/// </summary>
public static class AnalyzeCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliContext cli)
    {
        var files = new Argument<string[]>("file") { Description = "报告文件(文本或 HTML)(report files)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("analyze", "离线检查报告:元数据、结构、合规问题和数据 (check reports offline)") { files };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            var reader = new ReportReader(ShippedDivisions.Registry);
            var worst = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                var read = reader.Read(new ReportInput(await File.ReadAllBytesAsync(file, cancellationToken)));
                if (read.Reading is not { } reading)
                {
                    await cli.Output.WriteLineAsync($"{file}: 无法读取 {read.Error!.Message} ({read.Error.Code})");
                    worst = 1;
                    continue;
                }
                var findings = ComplianceChecker.Default.Check(reading, RulePackYaml.Shipped);
                var values = MetricExtractor.Default.Extract(reading);
                worst = Math.Max(worst, findings.Any(f => f.Severity == RuleVocabulary.Error) ? 1 : 0);
                if (parse.GetValue(cli.JsonOption))
                {
                    await cli.Output.WriteLineAsync(Document(file, reading, findings, values));
                }
                else
                {
                    Print(cli, file, reading, findings, values);
                }
            }
            return worst;
        }));
        return command;
    }

    // The protobuf JSON mapping of the same messages the services answer with: metadata and outline as ingestion's
    // GetReport, findings as compliance's CheckReport, values as metrics' GetReportMetrics (less ids and times).
    private static string Document(string file, ReportReading reading, IReadOnlyList<RuleFinding> findings, IReadOnlyList<ExtractedValue> values)
    {
        var m = reading.Metadata;
        var (code, year, level) = (m.JurisdictionCode ?? "", m.ReportYear ?? 0, m.Level ?? "");
        var formatter = new JsonFormatter(JsonFormatter.Settings.Default);
        return "{" +
            $"\"file\":{JsonSerializer.Serialize(file, Json)}," +
            $"\"metadata\":{formatter.Format(ReportMessages.ToMetadata(m))}," +
            $"\"outline\":{formatter.Format(ReportMessages.ToOutline(reading.Outline))}," +
            $"\"findings\":[{string.Join(",", findings.Select(f => formatter.Format(ResultMessages.ToMessage(f, code, ShippedDivisions.Registry.Find(code)?.Name ?? "", year))))}]," +
            $"\"values\":[{string.Join(",", values.Select(v => formatter.Format(ResultMessages.ToMessage(v, code, year, level))))}]" +
            "}";
    }

    private static void Print(CliContext cli, string file, ReportReading reading, IReadOnlyList<RuleFinding> findings, IReadOnlyList<ExtractedValue> values)
    {
        var m = reading.Metadata;
        var console = cli.Console;
        console.Write(new Rule(Markup.Escape(Path.GetFileName(file))));
        cli.Output.WriteLine($"{m.Title} | {m.JurisdictionName} {m.JurisdictionCode} ({m.Level}) | {m.ReportYear}年度 | 发布 {m.PublishedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "未知"} | 落款 {m.DocumentDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "无"}");
        var outline = new Table().AddColumn("部分 section").AddColumn("类型 kind");
        foreach (var section in reading.Outline.Sections)
        {
            outline.AddRow(Markup.Escape($"{section.Number} {section.Heading}"), section.Kind);
        }
        console.Write(outline);
        var problems = new Table().AddColumn("代码 code").AddColumn("级别 severity").AddColumn("说明 message");
        foreach (var f in findings)
        {
            problems.AddRow(Markup.Escape(f.SectionKind.Length == 0 ? f.Code : $"{f.Code}({f.SectionKind})"), f.Severity, Markup.Escape(f.Message));
        }
        console.Write(problems);
        var figures = new Table().AddColumn("指标 indicator").AddColumn("值 value").AddColumn("原文 as written").AddColumn("位置 section");
        foreach (var v in values)
        {
            figures.AddRow(v.Indicator, $"{v.Value.ToString(CultureInfo.InvariantCulture)} {Markup.Escape(v.Unit)}{(v.Qualifier == "exact" ? "" : " " + v.Qualifier)}{(v.UsedInAggregate ? "" : " *")}", Markup.Escape(v.RawText), Markup.Escape(v.Evidence.SectionPath));
        }
        console.Write(figures);
        cli.Output.WriteLine($"{findings.Count} 个问题, {values.Count} 项数据 (* 同一指标的其他表述,不计入汇总)");
    }
}
