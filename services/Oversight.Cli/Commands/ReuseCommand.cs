using System.CommandLine;
using System.Globalization;
using Grpc.Core;
using Oversight.Analysis;
using Oversight.Analysis.Metadata;
using Oversight.Analysis.Reuse;
using Oversight.Analysis.Rules;
using Oversight.Contracts.Compliance.V1;
using Spectre.Console;

namespace Oversight.Cli.Commands;

/// <summary>
/// `oversight reuse list|show|files`: the pairs of reports copy detection found, on the server (its findings) or among
/// local files, and the passages of a pair side by side.
/// </summary>
public static class ReuseCommand
{
    private static readonly string[] Codes = [RuleVocabulary.TextReusedFromOtherBody, RuleVocabulary.TextReusedFromLastYear];

    public static Command Create(CliContext cli)
    {
        var command = new Command("reuse", "照搬文字:报告之间相同或近似的段落 (text reused between reports)");
        command.Subcommands.Add(List(cli));
        command.Subcommands.Add(Show(cli));
        command.Subcommands.Add(Files(cli));
        return command;
    }

    private static Command List(CliContext cli)
    {
        var prefix = new Option<string>("--prefix") { Description = "行政区划代码前缀,如 1402 (code prefix)", DefaultValueFactory = _ => "" };
        var year = new Option<int>("--year") { Description = "报告年度 (report year)" };
        var command = new Command("list", "列出服务端发现的照搬报告对 (pairs found by compliance)") { prefix, year };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            using var channel = cli.Connect(parse, cli.Servers.Compliance);
            var client = new ComplianceService.ComplianceServiceClient(channel);
            var findings = new List<Finding>();
            foreach (var code in Codes)
            {
                findings.AddRange(await FindingsCommand.AllAsync(client,
                    new ListFindingsRequest { JurisdictionPrefix = parse.GetValue(prefix)!, ReportYear = parse.GetValue(year), Code = code },
                    cancellationToken));
            }
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJsonLines(findings);
                return 0;
            }
            var table = new Table().AddColumn("报告 report").AddColumn("辖区 jurisdiction").AddColumn("年度 year").AddColumn("代码 code")
                .AddColumn("另一报告 other report").AddColumn("说明 message").AddColumn("id");
            foreach (var f in findings.OrderBy(f => f.ReportYear).ThenBy(f => f.JurisdictionCode, StringComparer.Ordinal))
            {
                var other = f.Evidence.FirstOrDefault(e => e.ReportId.Length > 0)?.ReportId ?? "";
                table.AddRow(f.ReportId, Markup.Escape($"{f.JurisdictionName} {f.JurisdictionCode}"), f.ReportYear.ToString(CultureInfo.InvariantCulture),
                    f.Code, other, Markup.Escape(f.Message), f.FindingId);
            }
            cli.Console.Write(table);
            cli.Output.WriteLine($"{findings.Count} 对 pairs");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Show(CliContext cli)
    {
        var id = new Argument<string>("finding-id") { Description = "TEXT_REUSED_* 问题的 id (finding id)" };
        var command = new Command("show", "并排显示一对报告的相同段落 (the passages of a pair side by side)") { id };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            using var channel = cli.Connect(parse, cli.Servers.Compliance);
            var finding = await new ComplianceService.ComplianceServiceClient(channel)
                .GetFindingAsync(new GetFindingRequest { FindingId = parse.GetValue(id)! }, new CallOptions(cancellationToken: cancellationToken));
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJson(finding);
                return 0;
            }
            cli.Output.WriteLine(finding.Message);
            var table = new Table().AddColumn($"本报告 {finding.ReportId}")
                .AddColumn($"另一报告 {finding.Evidence.FirstOrDefault(e => e.ReportId.Length > 0)?.ReportId}");
            foreach (var pair in finding.Evidence.Chunk(2).Where(p => p.Length == 2))
            {
                table.AddRow(Markup.Escape($"[{pair[0].SectionPath}] {pair[0].Excerpt}"), Markup.Escape($"[{pair[1].SectionPath}] {pair[1].Excerpt}"));
            }
            cli.Console.Write(table);
            return 0;
        }, cancellationToken));
        return command;
    }

    // Offline: the files read and compared with each other, as compliance would; years and bodies as each file says.
    private static Command Files(CliContext cli)
    {
        var paths = new Argument<string[]>("paths") { Description = "报告文件或文件夹 (report files or folders)", Arity = ArgumentArity.OneOrMore };
        var minShare = new Option<double>("--min-share") { Description = "最低相同比例,默认为全国基线的阈值 (lowest share to list)", DefaultValueFactory = _ => -1 };
        var command = new Command("files", "在本地文件之间查找照搬文字,不连接服务 (compare local files, offline)") { paths, minShare };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(() =>
        {
            var rule = RulePackYaml.Shipped.First(p => p.PackId == "national").TextReuse!;
            var reader = new ReportReader(ShippedDivisions.Registry);
            var index = new ReuseIndex();
            var unread = 0;
            foreach (var file in AnalyzeCommand.Expand(parse.GetValue(paths)!))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var read = reader.Read(new ReportInput(File.ReadAllBytes(file)));
                if (read.Reading is null)
                {
                    cli.Output.WriteLine($"{file}: {read.Error!.Message}");
                    unread++;
                    continue;
                }
                index.Add(ReuseDocument.Of(file, 1, read.Reading, read.Reading.Metadata.ReportType));
            }
            var threshold = parse.GetValue(minShare);
            var pairs = index.Documents.SelectMany(d => index.MatchesOf(d.Body.ReportId).Select(m => (Report: d.Body, Match: m)))
                .Where(p => threshold >= 0 ? p.Match.Share >= threshold : rule.Flags(p.Match))
                .OrderByDescending(p => p.Match.Share).ToList();
            foreach (var (report, match) in pairs)
            {
                cli.Output.WriteLine(
                    $"{report.ReportId} ({report.JurisdictionCode} {report.ReportYear}) ← {match.OtherReportId} " +
                    $"({match.OtherJurisdictionCode} {match.OtherYear}):" +
                    $" {match.Relation} {match.Share.ToString("P1", CultureInfo.InvariantCulture)}, {match.Passages} 句 sentences");
                foreach (var passage in match.Evidence.Take(3))
                {
                    cli.Output.WriteLine($"    {passage.Excerpt}");
                    cli.Output.WriteLine($"  = {passage.OtherExcerpt}");
                }
            }
            cli.Output.WriteLine($"{index.Documents.Count} 份报告 reports, {pairs.Count} 对 pairs");
            return Task.FromResult(unread > 0 ? CliContext.Failed : 0);
        }, cancellationToken));
        return command;
    }
}
