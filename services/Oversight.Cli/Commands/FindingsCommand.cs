using System.CommandLine;
using Oversight.Contracts.Compliance.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Oversight.ServiceDefaults.Clients;
using Spectre.Console;

namespace Oversight.Cli.Commands;

/// <summary>`oversight findings list|waive|reopen`.</summary>
public static class FindingsCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("findings", "合规问题 (compliance findings)");
        command.Subcommands.Add(List(cli));
        command.Subcommands.Add(Change(cli, "waive", "豁免一个问题,须写明理由 (waive a finding with a reason)"));
        command.Subcommands.Add(Change(cli, "reopen", "重新打开一个已豁免的问题 (reopen a waived finding)"));
        return command;
    }

    private static Command List(CliContext cli)
    {
        var prefix = new Option<string>("--prefix") { Description = "行政区划代码前缀,如 1402 (code prefix)", DefaultValueFactory = _ => "" };
        var year = new Option<int>("--year") { Description = "报告年度 (report year)" };
        var code = new Option<string>("--code") { Description = "问题代码,如 SECTION_MISSING (finding code)", DefaultValueFactory = _ => "" };
        var severity = new Option<string>("--severity") { Description = "error / warning / info", DefaultValueFactory = _ => "" };
        var status = new Option<string>("--status") { Description = "open / waived", DefaultValueFactory = _ => "" };
        var type = new Option<string>("--type") { Description = "报告类型:rule_of_law 或 information_disclosure,默认全部 (report type)", DefaultValueFactory = _ => "" };
        var command = new Command("list", "列出合规问题 (list findings)") { prefix, year, code, severity, status, type };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            using var channel = cli.Connect(parse, cli.Servers.Compliance);
            var client = new ComplianceService.ComplianceServiceClient(channel);
            var findings = await AllAsync(client, new ListFindingsRequest
            {
                JurisdictionPrefix = parse.GetValue(prefix)!, ReportYear = parse.GetValue(year), Code = parse.GetValue(code)!,
                Severity = parse.GetValue(severity)!,
                Status = parse.GetValue(status)!, ReportType = parse.GetValue(type)!,
            }, cancellationToken);
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJsonLines(findings);
                return 0;
            }
            var table = new Table().AddColumn("辖区 jurisdiction").AddColumn("年度 year").AddColumn("代码 code").AddColumn("级别 severity").AddColumn("状态 status")
                .AddColumn("说明 message").AddColumn("id");
            foreach (var f in findings)
            {
                table.AddRow(Markup.Escape($"{f.JurisdictionName} {f.JurisdictionCode}"),
                    f.ReportYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(f.SectionKind.Length == 0 ? f.Code : $"{f.Code}({f.SectionKind})"), f.Severity, f.Status, Markup.Escape(f.Message),
                        f.FindingId);
            }
            cli.Console.Write(table);
            cli.Output.WriteLine($"{findings.Count} 个问题 findings");
            return 0;
        }, cancellationToken));
        return command;
    }

    /// <summary>Every finding the request matches, page after page.</summary>
    internal static async Task<List<Finding>> AllAsync(ComplianceService.ComplianceServiceClient client, ListFindingsRequest request,
        CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        var page = request.Clone();
        page.PageSize = 500;
        do
        {
            var response = await client.ListFindingsAsync(page, new CallOptions(cancellationToken: cancellationToken));
            findings.AddRange(response.Findings);
            page.PageToken = response.NextPageToken;
        }
        while (page.PageToken.Length > 0);
        return findings;
    }

    private static Command Change(CliContext cli, string name, string description)
    {
        var id = new Argument<string>("finding-id") { Description = "问题 id (finding id)" };
        var reason = new Option<string>("--reason") { Description = "理由 (reason, required)", Required = true };
        var command = new Command(name, description) { id, reason };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            using var channel = cli.Connect(parse, cli.Servers.Compliance);
            var client = new ComplianceService.ComplianceServiceClient(channel);
            var options = new CallOptions(cancellationToken: cancellationToken);
            var finding = name == "waive"
                ? await client.WaiveFindingAsync(new WaiveFindingRequest { FindingId = parse.GetValue(id)!, Reason = parse.GetValue(reason)! }, options)
                : await client.ReopenFindingAsync(new ReopenFindingRequest { FindingId = parse.GetValue(id)!, Reason = parse.GetValue(reason)! }, options);
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJson(finding);
            }
            else
            {
                cli.Output.WriteLine($"{finding.FindingId}: {finding.Status}");
            }
            return 0;
        }, cancellationToken));
        return command;
    }
}
