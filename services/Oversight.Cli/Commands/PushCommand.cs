using System.CommandLine;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Oversight.Analysis;
using Oversight.Contracts.Push.V1;
using Spectre.Console;

namespace Oversight.Cli.Commands;

/// <summary>`oversight push create|list|delete|pause|resume|deliveries|replay`: webhook subscriptions and their deliveries.</summary>
public static class PushCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("push", "推送订阅 (webhook subscriptions)");
        command.Subcommands.Add(CreateSubscription(cli));
        command.Subcommands.Add(List(cli));
        command.Subcommands.Add(Change(cli, "delete", "删除订阅及其投递记录 (delete a subscription)", (c, r, o) => c.DeleteSubscriptionAsync(r, o), "已删除 deleted"));
        command.Subcommands.Add(Change(cli, "pause", "暂停推送 (pause deliveries)", (c, r, o) => c.PauseSubscriptionAsync(r, o), "已暂停 paused"));
        command.Subcommands.Add(Change(cli, "resume", "恢复推送 (resume deliveries)", (c, r, o) => c.ResumeSubscriptionAsync(r, o), "已恢复 resumed"));
        command.Subcommands.Add(Deliveries(cli));
        command.Subcommands.Add(Replay(cli));
        return command;
    }

    private static Command CreateSubscription(CliContext cli)
    {
        var name = new Option<string>("--name") { Description = "订阅给谁用,如 \"大同市司法局问题提醒\" (what the subscription is for)", Required = true };
        var url = new Option<string>("--url") { Description = "接收地址,https:// (the receiver's address)", Required = true };
        var events = new Option<string>("--events")
        {
            Description = "事件类型,逗号分隔 (event types): report.ingested, finding.opened, finding.resolved, finding.waived, sweep.completed",
            DefaultValueFactory = _ => "report.ingested,finding.opened,finding.resolved,finding.waived,sweep.completed",
        };
        var scope = new Option<string>("--scope") { Description = "辖区代码前缀,须在本密钥范围内;留空为密钥的全部范围 (jurisdiction prefix)", DefaultValueFactory = _ => "" };
        var format = new Option<string>("--format")
        {
            Description = "cloudevents(默认)/ wecom(企业微信群机器人)/ dingtalk(钉钉群机器人)", DefaultValueFactory = _ =>
            "cloudevents"
        };
        var secretFile = new Option<string?>("--secret-file")
        {
            Description = "签名密钥所在文件(钉钉加签密钥也放这里);不填则由服务生成并只显示一次 (file holding the signing secret; none: the service makes one)",
        };
        var command = new Command("create", "登记推送订阅 (register a subscription)") { name, url, events, scope, format, secretFile };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            // A secret never travels as a flag: it would stay in shell history and process lists.
            var secret = parse.GetValue(secretFile) is { } path ? (await File.ReadAllTextAsync(path, cancellationToken)).Trim() : "";
            var request = new CreateSubscriptionRequest
            {
                Name = parse.GetValue(name)!, Url = parse.GetValue(url)!, Scope = parse.GetValue(scope)!, Format = parse.GetValue(format)!, Secret = secret,
            };
            request.EventTypes.AddRange(parse.GetValue(events)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            using var channel = cli.Connect(parse, cli.Servers.Compliance);
            var response = await new PushService.PushServiceClient(channel).CreateSubscriptionAsync(request,
                new CallOptions(cancellationToken: cancellationToken));
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJson(response);
                return 0;
            }
            var s = response.Subscription;
            cli.Output.WriteLine($"已登记 created {s.SubscriptionId}: {s.Name}, {s.Format}, {ScopeText(s.Scope)}, {string.Join(",", s.EventTypes)} → {s.Url}");
            if (response.Secret.Length > 0)
            {
                cli.Output.WriteLine("签名密钥只显示这一次,请交给接收系统妥善保存 (the signing secret is shown once):");
                cli.Output.WriteLine(response.Secret);
            }
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command List(CliContext cli)
    {
        var command = new Command("list", "列出订阅(不含密钥) (list subscriptions, never their secrets)");
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            using var channel = cli.Connect(parse, cli.Servers.Compliance);
            var response = await new PushService.PushServiceClient(channel).ListSubscriptionsAsync(new ListSubscriptionsRequest(),
                new CallOptions(cancellationToken: cancellationToken));
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJson(response);
                return 0;
            }
            var table = new Table().AddColumn("id").AddColumn("名称 name").AddColumn("范围 scope").AddColumn("格式 format").AddColumn("状态 state")
                .AddColumn("事件 events").AddColumn("地址 url").AddColumn("失败自 failing since");
            foreach (var s in response.Subscriptions)
            {
                var state = s.State == "paused" ? $"paused ({s.PausedReason})" : s.State;
                table.AddRow(s.SubscriptionId, Markup.Escape(s.Name), ScopeText(s.Scope), s.Format, Markup.Escape(state), string.Join(",", s.EventTypes),
                    Markup.Escape(s.Url), Time(s.FailingSince));
            }
            cli.Console.Write(table);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Change(CliContext cli, string verb, string description, Func<PushService.PushServiceClient, SubscriptionRef, CallOptions,
        AsyncUnaryCall<Subscription>> call, string done)
    {
        var id = new Argument<string>("subscription-id") { Description = "订阅编号,见 push list (subscription id)" };
        var command = new Command(verb, description) { id };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            using var channel = cli.Connect(parse, cli.Servers.Compliance);
            var s = await call(new PushService.PushServiceClient(channel), new SubscriptionRef { SubscriptionId = parse.GetValue(id)! },
                new CallOptions(cancellationToken: cancellationToken));
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJson(s);
                return 0;
            }
            cli.Output.WriteLine($"{done} {s.SubscriptionId}: {s.Name}");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Deliveries(CliContext cli)
    {
        var subscription = new Option<string>("--subscription") { Description = "只看该订阅 (only this subscription)", DefaultValueFactory = _ => "" };
        var status = new Option<string>("--status") { Description = "pending / delivered / failed;留空为全部 (empty for all)", DefaultValueFactory = _ => "" };
        var limit = new Option<int>("--limit") { Description = "最多列出条数,最新的在前 (most rows, newest first)", DefaultValueFactory = _ => 100 };
        var command = new Command("deliveries", "列出投递记录:状态、次数、最后错误 (list deliveries: status, attempts, last error)") { subscription, status, limit };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            using var channel = cli.Connect(parse, cli.Servers.Compliance);
            var client = new PushService.PushServiceClient(channel);
            var request = new ListDeliveriesRequest { SubscriptionId = parse.GetValue(subscription)!, Status = parse.GetValue(status)!, PageSize = 500 };
            var rows = new List<Delivery>();
            do
            {
                var page = await client.ListDeliveriesAsync(request, new CallOptions(cancellationToken: cancellationToken));
                rows.AddRange(page.Deliveries);
                request.PageToken = page.NextPageToken;
            }
            while (request.PageToken.Length > 0 && rows.Count < parse.GetValue(limit));
            rows = [.. rows.Take(Math.Max(0, parse.GetValue(limit)))];
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJsonLines(rows);
                return 0;
            }
            var table = new Table().AddColumn("delivery id").AddColumn("订阅 subscription").AddColumn("事件 event").AddColumn("辖区 jurisdiction")
                .AddColumn("状态 status").AddColumn("次数 attempts").AddColumn("下次 next").AddColumn("最后错误 last error");
            foreach (var d in rows)
            {
                table.AddRow(d.DeliveryId, d.SubscriptionId, d.EventType, d.Jurisdiction, d.Status, d.Attempts.ToString(CultureInfo.InvariantCulture),
                    Time(d.NextAttemptAt), Markup.Escape(d.LastError));
            }
            cli.Console.Write(table);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Replay(CliContext cli)
    {
        var id = new Argument<string>("delivery-id") { Description = "投递编号,见 push deliveries (delivery id)" };
        var command = new Command("replay", "重发一次失败(或已送达)的投递 (send a failed or delivered delivery again)") { id };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            using var channel = cli.Connect(parse, cli.Servers.Compliance);
            var d = await new PushService.PushServiceClient(channel).ReplayDeliveryAsync(new ReplayDeliveryRequest { DeliveryId = parse.GetValue(id)! },
                new CallOptions(cancellationToken: cancellationToken));
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJson(d);
                return 0;
            }
            cli.Output.WriteLine($"已排队重发 queued {d.DeliveryId}: {d.EventType} {d.EventId}");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static string ScopeText(string scope) => scope.Length == 0 ? "全国" : scope;

    private static string Time(Timestamp? at) =>
        at is null ? "" : at.ToDateTimeOffset().ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
