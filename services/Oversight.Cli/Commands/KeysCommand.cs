using Oversight.Analysis;
using System.CommandLine;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Oversight.Contracts.Access.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Oversight.ServiceDefaults.Clients;
using Spectre.Console;

namespace Oversight.Cli.Commands;

/// <summary>`oversight keys create|list|revoke` (province administrators).</summary>
public static class KeysCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("keys", "API 密钥 (API keys)");
        command.Subcommands.Add(CreateKey(cli));
        command.Subcommands.Add(List(cli));
        command.Subcommands.Add(Revoke(cli));
        return command;
    }

    private static Command CreateKey(CliContext cli)
    {
        var name = new Option<string>("--name") { Description = "密钥给谁用,如 \"大同市司法局报送系统\" (who the key is for)", Required = true };
        var role = new Option<string>("--role") { Description = "city_office / province_admin / sweeper / service", Required = true };
        var scope = new Option<string>("--scope") { Description = "辖区代码前缀,如 1402;留空为全国 (jurisdiction prefix; empty for all)", DefaultValueFactory = _ => "" };
        var expires = new Option<DateTime?>("--expires") { Description = "过期日期,如 2027-12-31 (expiry date, China time)" };
        var command = new Command("create", "签发密钥;密钥只显示这一次 (issue a key; shown once)") { name, role, scope, expires };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            var request = new CreateKeyRequest { Name = parse.GetValue(name)!, Role = parse.GetValue(role)!, Scope = parse.GetValue(scope)! };
            if (parse.GetValue(expires) is { } date)
            {
                request.ExpiresAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(date.Date, ChinaTime.Offset));
            }
            using var channel = cli.Connect(parse, cli.Servers.Compliance);
            var response = await new AccessService.AccessServiceClient(channel).CreateKeyAsync(request, new CallOptions(cancellationToken: cancellationToken));
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJson(response);
                return 0;
            }
            cli.Output.WriteLine($"已签发 issued {response.Key.KeyId}: {response.Key.Name}, {response.Key.Role}, {ScopeText(response.Key.Scope)}");
            cli.Output.WriteLine("密钥只显示这一次,请妥善保存 (the key is shown once; keep it safe):");
            cli.Output.WriteLine(response.Secret);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command List(CliContext cli)
    {
        var all = new Option<bool>("--all") { Description = "包括已吊销和已过期的密钥 (include revoked and expired keys)" };
        var command = new Command("list", "列出密钥(不含密钥本身) (list keys, never their secrets)") { all };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            using var channel = cli.Connect(parse, cli.Servers.Compliance);
            var response = await new AccessService.AccessServiceClient(channel)
                .ListKeysAsync(new ListKeysRequest { IncludeInactive = parse.GetValue(all) }, new CallOptions(cancellationToken: cancellationToken));
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJson(response);
                return 0;
            }
            var table = new Table().AddColumn("key id").AddColumn("名称 name").AddColumn("角色 role").AddColumn("范围 scope").AddColumn("签发 created")
                .AddColumn("过期 expires").AddColumn("吊销 revoked");
            foreach (var k in response.Keys)
            {
                table.AddRow(k.KeyId, Markup.Escape(k.Name), k.Role, ScopeText(k.Scope), Day(k.CreatedAt), Day(k.ExpiresAt), Day(k.RevokedAt));
            }
            cli.Console.Write(table);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Revoke(CliContext cli)
    {
        var id = new Argument<string>("key-id") { Description = "密钥编号,见 keys list (key id)" };
        var command = new Command("revoke", "吊销密钥 (revoke a key)") { id };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            using var channel = cli.Connect(parse, cli.Servers.Compliance);
            var key = await new AccessService.AccessServiceClient(channel)
                .RevokeKeyAsync(new RevokeKeyRequest { KeyId = parse.GetValue(id)! }, new CallOptions(cancellationToken: cancellationToken));
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJson(key);
                return 0;
            }
            cli.Output.WriteLine($"已吊销 revoked {key.KeyId}: {key.Name}");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static string ScopeText(string scope) => scope.Length == 0 ? "全国" : scope;

    private static string Day(Timestamp? at) =>
        at is null ? "" : at.ToDateTimeOffset().ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
