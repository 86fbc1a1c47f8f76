using Oversight.Analysis;
using System.CommandLine;
using System.Globalization;
using Oversight.Contracts.Access.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Oversight.ServiceDefaults.Clients;
using Spectre.Console;

namespace Oversight.Cli.Commands;

/// <summary>`oversight audit list`: administrative actions, newest first.</summary>
public static class AuditCommand
{
    public static Command Create(CliContext cli)
    {
        var action = new Option<string>("--action") { Description = "只看一种操作,如 finding.waive (one action only)", DefaultValueFactory = _ => "" };
        var limit = new Option<int>("--limit") { Description = "最多显示条数 (most entries shown)", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "列出审计日志 (list the audit log)") { action, limit };
        list.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            using var channel = cli.Connect(parse, cli.Servers.Compliance);
            var client = new AccessService.AccessServiceClient(channel);
            var entries = new List<AuditEntry>();
            var token = "";
            var wanted = Math.Max(1, parse.GetValue(limit));
            do
            {
                var page = await client.ListAuditAsync(new ListAuditRequest { Action = parse.GetValue(action)!, PageSize = Math.Min(500, wanted - entries.Count), PageToken = token }, new CallOptions(cancellationToken: cancellationToken));
                entries.AddRange(page.Entries);
                token = page.NextPageToken;
            }
            while (token.Length > 0 && entries.Count < wanted);
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJsonLines(entries);
                return 0;
            }
            var table = new Table().AddColumn("时间 at").AddColumn("操作者 caller").AddColumn("操作 action").AddColumn("对象 target").AddColumn("辖区 scope").AddColumn("说明 detail");
            foreach (var e in entries)
            {
                table.AddRow(e.At.ToDateTimeOffset().ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), Markup.Escape($"{e.Caller} [{e.Role}]"),
                    e.Action, Markup.Escape(e.Target), e.Jurisdiction.Length == 0 ? "全国" : e.Jurisdiction, Markup.Escape(e.Detail));
            }
            cli.Console.Write(table);
            return 0;
        }, cancellationToken));
        var command = new Command("audit", "审计日志 (audit log)");
        command.Subcommands.Add(list);
        return command;
    }
}
