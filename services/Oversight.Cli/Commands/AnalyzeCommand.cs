using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Oversight.Analysis;
using Oversight.Analysis.Indicators;
using Oversight.Analysis.Metadata;
using Oversight.Analysis.Quality;
using Oversight.Analysis.Rules;
using Oversight.Mapping;
using Spectre.Console;

namespace Oversight.Cli.Commands;

/// <summary>
/// `oversight analyze FILE|FOLDER…`: offline, no server. Reads each file with the platform's reader, checks it with the
/// shipped rule packs and extracts its figures; for a folder it adds the reading quality report (per field, how many
/// pages had it found). Exit 1 when any file has an error finding (or cannot be read). With --expected FILE it compares
/// the reading of every page in the folders with an expected file instead (per-field agreement and each miss).
/// </summary>
public static class AnalyzeCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping
    };

    public static Command Create(CliContext cli)
    {
        var files = new Argument<string[]>("file") { Description = "报告文件或文件夹(文本或 HTML)(report files or folders)", Arity = ArgumentArity.OneOrMore };
        var qualityOnly = new Option<bool>("--quality") { Description = "只输出读取质量统计:每个字段在多少份报告中读到 (print only the reading quality report)" };
        var expectedFile = new Option<string?>("--expected")
        {
            Description = "与期望文件(expected.json 格式)逐字段比对文件夹中每个页面的读取结果,输出各字段一致数和每处不一致 (compare each page's reading with an expected file)",
        };
        var command = new Command("analyze", "离线检查报告:元数据、结构、合规问题和数据;给出文件夹时另附读取质量统计 (check reports offline)") { files, qualityOnly, expectedFile };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            var reader = new ReportReader(ShippedDivisions.Registry);
            var arguments = parse.GetValue(files)!;
            if (parse.GetValue(expectedFile) is { } expectedPath)
            {
                return await CompareAsync(cli, reader, ExpectedPage.Load(expectedPath), arguments, parse.GetValue(cli.JsonOption), cancellationToken);
            }
            var onlyQuality = parse.GetValue(qualityOnly);
            var json = parse.GetValue(cli.JsonOption);
            var quality = new ReadingQuality();
            var worst = 0;
            foreach (var file in Expand(arguments))
            {
                var read = reader.Read(new ReportInput(await File.ReadAllBytesAsync(file, cancellationToken)));
                if (read.Reading is not { } reading)
                {
                    quality.AddUnreadable();
                    if (!onlyQuality)
                    {
                        await cli.Output.WriteLineAsync($"{file}: 无法读取 {read.Error!.Message} ({read.Error.Code})");
                    }
                    worst = 1;
                    continue;
                }
                var findings = ComplianceChecker.Default.Check(reading, RulePackYaml.Shipped);
                // As the metrics service stores them: the figures, then the task areas the measures cover.
                var values = MetricExtractor.Default.ExtractWithTaskAreas(reading);
                quality.Add(reading, values);
                worst = Math.Max(worst, findings.Any(f => f.Severity == RuleVocabulary.Error) ? 1 : 0);
                if (onlyQuality)
                {
                    continue;
                }
                if (json)
                {
                    await cli.Output.WriteLineAsync(Document(file, reading, findings, values));
                }
                else
                {
                    Print(cli, file, reading, findings, values);
                }
            }
            if (onlyQuality || arguments.Any(Directory.Exists))
            {
                PrintQuality(cli, quality, json);
            }
            return worst;
        }, cancellationToken));
        return command;
    }

    // Each expected page read from the first folder holding its file; pages with no file are listed, not scored. Exit 1
    // when any field of any page disagrees, so that a script can gate on it.
    private static async Task<int> CompareAsync(CliContext cli, ReportReader reader, IReadOnlyList<ExpectedPage> expected, string[] folders, bool json,
        CancellationToken cancellationToken)
    {
        var comparison = new ExpectedComparison();
        var missing = new List<string>();
        foreach (var page in expected)
        {
            var path = folders.Select(f => Path.Combine(f, page.File)).FirstOrDefault(File.Exists);
            if (path is null)
            {
                missing.Add(page.File);
                continue;
            }
            var read = reader.Read(new ReportInput(await File.ReadAllBytesAsync(path, cancellationToken)));
            if (read.Reading is not { } reading)
            {
                missing.Add($"{page.File} ({read.Error!.Code})");
                continue;
            }
            comparison.Add(page, reading, MetricExtractor.Default.Extract(reading));
        }
        if (json)
        {
            var fields = ExpectedComparison.Fields.ToDictionary(f => f, f => new { right = comparison[f].Right, total = comparison[f].Total });
            var misses = comparison.Misses.Select(m => new { file = m.File, field = m.Field, expected = m.Expected, got = m.Got });
            await cli.Output.WriteLineAsync(JsonSerializer.Serialize(new { pages = comparison.Pages, notRead = missing, fields, misses }, Json));
        }
        else
        {
            var table = new Table().AddColumn("字段 field").AddColumn("一致 agree").AddColumn("占比 share");
            foreach (var field in ExpectedComparison.Fields)
            {
                var (right, total) = comparison[field];
                var share = total == 0 ? "-" : (100.0 * right / total).ToString("0", CultureInfo.InvariantCulture) + "%";
                table.AddRow(field, $"{right}/{total}", share);
            }
            cli.Console.Write(new Rule("与期望一致 agreement with the expected file"));
            cli.Console.Write(table);
            await cli.Output.WriteLineAsync($"{comparison.Pages} 个页面已比对, {missing.Count} 个未读到{(missing.Count == 0 ? "" : ": " + string.Join(' ', missing))}");
            foreach (var miss in comparison.Misses)
            {
                await cli.Output.WriteLineAsync($"  {miss.File} | {miss.Field} | 期望 {miss.Expected} | 读到 {miss.Got}");
            }
        }
        return comparison.Misses.Count == 0 && missing.Count == 0 ? 0 : 1;
    }

    // A folder stands for the report pages in it and below it, in name order so that runs compare.
    internal static IEnumerable<string> Expand(IEnumerable<string> arguments)
    {
        foreach (var argument in arguments)
        {
            if (!Directory.Exists(argument))
            {
                yield return argument;
                continue;
            }
            foreach (var file in Directory.EnumerateFiles(argument, "*", SearchOption.AllDirectories)
                         .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".txt" or ".htm" or ".html" or ".shtml")
                         .Order(StringComparer.Ordinal))
            {
                yield return file;
            }
        }
    }

    private static void PrintQuality(CliContext cli, ReadingQuality quality, bool json)
    {
        if (json)
        {
            var fields = quality.Fields.ToDictionary(f => f.Field, f => f.Found);
            cli.Output.WriteLine(JsonSerializer.Serialize(new { quality = new { pages = quality.Pages, unreadable = quality.Unreadable, fields } }, Json));
            return;
        }
        var table = new Table().AddColumn("字段 field").AddColumn("读到 found").AddColumn("占比 share");
        foreach (var (field, found) in quality.Fields)
        {
            var share = quality.Pages == 0 ? 0 : 100.0 * found / quality.Pages;
            table.AddRow(field, found.ToString(CultureInfo.InvariantCulture), share.ToString("0", CultureInfo.InvariantCulture) + "%");
        }
        cli.Console.Write(new Rule("读取质量 reading quality"));
        cli.Console.Write(table);
        cli.Output.WriteLine($"{quality.Pages} 个页面, {quality.Unreadable} 个无法读取");
    }

    // The protobuf JSON mapping of the same messages the services answer with: metadata and outline as ingestion's
    // GetReport, findings as compliance's CheckReport, values as metrics' GetReportMetrics (less ids and times).
    private static string Document(string file, ReportReading reading, IReadOnlyList<RuleFinding> findings, IReadOnlyList<ExtractedValue> values)
    {
        var m = reading.Metadata;
        var (code, year, level) = (m.JurisdictionCode ?? "", m.ReportYear ?? 0, m.Level ?? "");
        var (name, type) = (ShippedDivisions.Registry.Find(code)?.Name ?? "", m.ReportType);
        var formatter = new JsonFormatter(JsonFormatter.Settings.Default);
        // A value of 0 is a statement (本年度未收到申请: 0), not an absent field: values keep their defaults.
        var valueFormatter = new JsonFormatter(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));
        return "{" +
            $"\"file\":{JsonSerializer.Serialize(file, Json)}," +
            $"\"metadata\":{formatter.Format(ReportMessages.ToMetadata(m))}," +
            $"\"outline\":{formatter.Format(ReportMessages.ToOutline(reading.Outline, reading.TaskAreas))}," +
            $"\"findings\":[{string.Join(",", findings.Select(f => formatter.Format(ResultMessages.ToMessage(f, code, name, year, type))))}]," +
            $"\"values\":[{string.Join(",", values.Select(v => valueFormatter.Format(ResultMessages.ToMessage(v, code, year, level))))}]" +
            "}";
    }

    private static void Print(CliContext cli, string file, ReportReading reading, IReadOnlyList<RuleFinding> findings, IReadOnlyList<ExtractedValue> values)
    {
        var m = reading.Metadata;
        var console = cli.Console;
        console.Write(new Rule(Markup.Escape(Path.GetFileName(file))));
        cli.Output.WriteLine(
            $"{m.Title} | {m.JurisdictionName} {m.JurisdictionCode} ({m.Level}) | {m.ReportYear}年度 | " +
            $"发布 {m.PublishedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "未知"} | " +
            $"落款 {m.DocumentDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "无"}");
        var outline = new Table().AddColumn("部分 section").AddColumn("类型 kind").AddColumn("依据 basis");
        foreach (var section in reading.Outline.Sections)
        {
            outline.AddRow(Markup.Escape($"{section.Number} {section.Heading}"), section.Kind, KindBasis.Of(section.KindSource, section.KindConfidence));
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
            var qualifier = v.Qualifier == "exact" ? "" : " " + v.Qualifier;
            var counted = v.UsedInAggregate ? "" : " *";
            figures.AddRow(v.Indicator, $"{v.Value.ToString(CultureInfo.InvariantCulture)} {Markup.Escape(v.Unit)}{qualifier}{counted}",
                Markup.Escape(v.RawText), Markup.Escape(v.Evidence.SectionPath));
        }
        console.Write(figures);
        cli.Output.WriteLine($"{findings.Count} 个问题, {values.Count} 项数据 (* 同一指标的其他表述,不计入汇总)");
    }
}
