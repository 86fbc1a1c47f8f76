using Oversight.Analysis;
using System.CommandLine;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Oversight.Contracts.Access.V1;
using Grpc.Core;
using Spectre.Console;

namespace Oversight.Cli.Commands;

/// <summary>`oversight audit list|export`: administrative actions, newest first; an export is every entry of a time range.</summary>
public static class AuditCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("audit", "审计日志 (audit log)");
        command.Subcommands.Add(List(cli));
        command.Subcommands.Add(Export(cli));
        return command;
    }

    private static Command List(CliContext cli)
    {
        var action = new Option<string>("--action") { Description = "只看一种操作,如 finding.waive (one action only)", DefaultValueFactory = _ => "" };
        var limit = new Option<int>("--limit") { Description = "最多显示条数 (most entries shown)", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "列出审计日志 (list the audit log)") { action, limit };
        list.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            var request = new ListAuditRequest { Action = parse.GetValue(action)! };
            var entries = await ReadAsync(cli, parse, request, Math.Max(1, parse.GetValue(limit)), cancellationToken);
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJsonLines(entries);
                return 0;
            }
            var table = new Table().AddColumn("时间 at").AddColumn("操作者 caller").AddColumn("来源 address").AddColumn("操作 action")
                .AddColumn("对象 target").AddColumn("辖区 scope").AddColumn("结果 outcome").AddColumn("说明 detail");
            foreach (var e in entries)
            {
                table.AddRow(e.At.ToDateTimeOffset().ToOffset(ChinaTime.Offset)
                    .ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), Markup.Escape($"{e.Caller} [{e.Role}]"),
                    Markup.Escape(e.Address), e.Action, Markup.Escape(e.Target), e.Jurisdiction.Length == 0 ? "全国" : e.Jurisdiction,
                        Markup.Escape(e.Outcome), Markup.Escape(e.Detail));
            }
            cli.Console.Write(table);
            return 0;
        }, cancellationToken));
        return list;
    }

    // Every entry of a time range as JSON lines (the protobuf JSON mapping), for an auditor's own tools.
    private static Command Export(CliContext cli)
    {
        var since = new Option<string>(
            "--since")
        { Description = "起始时间(含),如 2026-01-01 或 2026-01-01T08:00+08:00 (from, inclusive; China time when no offset)" };
        var until = new Option<string>("--until") { Description = "截止时间(不含) (until, exclusive)" };
        var action = new Option<string>("--action") { Description = "只导出一种操作 (one action only)", DefaultValueFactory = _ => "" };
        var export = new Command("export", "按时间范围导出审计日志为 JSON Lines (export the audit log of a time range)") { since, until, action };
        export.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            var request = new ListAuditRequest { Action = parse.GetValue(action)! };
            request.Since = Instant(parse.GetValue(since), "--since");
            request.Until = Instant(parse.GetValue(until), "--until");
            cli.WriteJsonLines(await ReadAsync(cli, parse, request, int.MaxValue, cancellationToken));
            return 0;
        }, cancellationToken));
        return export;
    }

    private static async Task<List<AuditEntry>> ReadAsync(CliContext cli, ParseResult parse, ListAuditRequest request, int wanted,
        CancellationToken cancellationToken)
    {
        using var channel = cli.Connect(parse, cli.Servers.Compliance);
        var client = new AccessService.AccessServiceClient(channel);
        var entries = new List<AuditEntry>();
        do
        {
            request.PageSize = (int)Math.Min(500L, (long)wanted - entries.Count);
            var page = await client.ListAuditAsync(request, new CallOptions(cancellationToken: cancellationToken));
            entries.AddRange(page.Entries);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0 && entries.Count < wanted);
        return entries;
    }

    // A time typed without an offset is China time, as the rest of the command line shows times.
    private static Timestamp? Instant(string? typed, string option)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }
        if (!DateTime.TryParse(typed, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            throw new ArgumentException($"{option} '{typed}' 不是有效时间:请写成 2026-01-01 或 2026-01-01T08:00+08:00");
        }
        var instant = parsed.Kind == DateTimeKind.Unspecified
            ? new DateTimeOffset(parsed, ChinaTime.Offset)
            : DateTimeOffset.Parse(typed, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        return Timestamp.FromDateTimeOffset(instant);
    }
}
