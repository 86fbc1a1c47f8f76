using System.CommandLine;
using System.Globalization;
using Oversight.Contracts.Compliance.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Oversight.ServiceDefaults.Clients;
using Spectre.Console;

namespace Oversight.Cli.Commands;

/// <summary>`oversight rulepacks list|show|validate|upsert`.</summary>
public static class RulePacksCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("rulepacks", "合规规则包 (rule packs)");
        var list = new Command("list", "列出生效的规则包 (list packs in force)");
        list.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            using var channel = cli.Connect(parse, cli.Servers.Compliance);
            var response = await new ComplianceService.ComplianceServiceClient(channel)
                .ListRulePacksAsync(new ListRulePacksRequest(), new CallOptions(cancellationToken: cancellationToken));
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJson(response);
                return 0;
            }
            var table = new Table().AddColumn("id").AddColumn("版本 version").AddColumn("名称 name").AddColumn("范围 scope").AddColumn("年度 years");
            foreach (var p in response.Packs)
            {
                table.AddRow(p.PackId, p.Version.ToString(CultureInfo.InvariantCulture), Markup.Escape(p.Name),
                    p.ScopePrefix.Length == 0 ? "全国" : p.ScopePrefix, $"{p.YearFrom}–{(p.YearTo == 0 ? "" : p.YearTo)}");
            }
            cli.Console.Write(table);
            return 0;
        }, cancellationToken));
        command.Subcommands.Add(list);

        var id = new Argument<string>("pack-id") { Description = "规则包 id (pack id)" };
        var version = new Option<int>("--version") { Description = "版本,默认最新 (version; default latest)" };
        var show = new Command("show", "显示一个规则包 (show a pack)") { id, version };
        show.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            using var channel = cli.Connect(parse, cli.Servers.Compliance);
            cli.WriteJson(await new ComplianceService.ComplianceServiceClient(channel)
                .GetRulePackAsync(new GetRulePackRequest { PackId = parse.GetValue(id)!, Version = parse.GetValue(version) },
                new CallOptions(cancellationToken: cancellationToken)));
            return 0;
        }, cancellationToken));
        command.Subcommands.Add(show);
        command.Subcommands.Add(Upsert(cli, "validate", "检查规则包文件,不保存 (check a pack file; store nothing)", validateOnly: true));
        command.Subcommands.Add(Upsert(cli, "upsert", "保存规则包的新版本 (store a new version of a pack)", validateOnly: false));
        return command;
    }

    private static Command Upsert(CliContext cli, string name, string description, bool validateOnly)
    {
        var file = new Argument<string>("file") { Description = "规则包 YAML 文件 (pack YAML file)" };
        // The version the edit was made on: another administrator's save in between is refused (PACK_VERSION_MISMATCH), not overwritten.
        var expected = new Option<int?>("--expected-version")
        {
            Description = "修改所依据的版本,新规则包为 0;已被他人更新则拒绝保存 (the version edited; 0 for a new pack; refused if another was saved since)",
        };
        expected.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0)
            {
                result.AddError("--expected-version 须为 0 或正整数(所修改的版本号,新规则包为 0)");
            }
        });
        var command = new Command(name, description) { file, expected };
        command.SetAction((parse, cancellationToken) => cli.RunAsync(async () =>
        {
            var yaml = await File.ReadAllTextAsync(parse.GetValue(file)!, cancellationToken);
            var request = new UpsertRulePackRequest { Yaml = yaml, ValidateOnly = validateOnly };
            if (parse.GetValue(expected) is { } version)
            {
                request.ExpectedVersion = version;
            }
            using var channel = cli.Connect(parse, cli.Servers.Compliance);
            var response = await new ComplianceService.ComplianceServiceClient(channel)
                .UpsertRulePackAsync(request, new CallOptions(cancellationToken: cancellationToken));
            if (parse.GetValue(cli.JsonOption))
            {
                cli.WriteJson(response);
            }
            else
            {
                cli.Output.WriteLine($"{response.Pack.PackId} v{response.Pack.Version}: {response.Outcome}");
            }
            return 0;
        }, cancellationToken));
        return command;
    }
}
