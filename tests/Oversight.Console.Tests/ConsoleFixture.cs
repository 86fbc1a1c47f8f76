using Grpc.Core;
using Oversight.Contracts.Access.V1;
using Oversight.Contracts.Common.V1;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Platform;
using Oversight.ServiceDefaults.Clients;
using Oversight.Testing;

namespace Oversight.Console.Tests;

/// <summary>
/// The real platform in this process on free loopback ports, console included, with the five samples, a copy of 浑源县's
/// report made by 灵丘县 (a copied pair), a sweep of 大同市 (1402) for 2025 as of 2026-04-02 (bodies without a report), and
/// three keys: the whole country's administrator, a 大同市 city office and a 大同市 administrator.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    private readonly TempFolder _data = TempFolder.Create("oversight-console-");
    private readonly List<ServiceChannel> _channels = [];

    public PlatformHost Platform { get; private set; } = null!;

    public Uri Console => Platform.ConsoleAddress!;

    public string AdminKey { get; private set; } = "";

    public string CityKey { get; private set; } = "";

    public string CityAdminKey { get; private set; } = "";

    public string PulanReportId { get; private set; } = "";

    public string Downloads => Path.Combine(_data.Path, "downloads");

    public async Task InitializeAsync()
    {
        Platform = await PlatformHost.StartAsync(
        [
            "--Ingestion:Endpoint:Port=0", "--Metrics:Endpoint:Port=0", "--Compliance:Endpoint:Port=0", "--Console:Endpoint:Port=0",
            $"--Platform:DataDirectory={_data.Path}", $"--Platform:Samples={RepositoryPaths.Combine("samples", "reports")}",
        ]);
        Directory.CreateDirectory(Downloads);
        AdminKey = File.ReadAllText(Path.Combine(_data.Path, "admin.key")).Trim();
        CityKey = await CreateKeyAsync("大同市司法局", "city_office", "1402");
        CityAdminKey = await CreateKeyAsync("大同市依法治市办", "province_admin", "1402");
        PulanReportId = (await Ingestion(AdminKey).ListReportsAsync(new ListReportsRequest { Filter = new ReportFilter { JurisdictionPrefix = "5425" } }))
            .Reports.Single().ReportId;

        var copy = ReportEdits.ChangeWords(ReportEdits.ReorderParagraphs(ReportEdits.ChangeFigures(
            ReportEdits.Rename(SampleReports.Text(SampleReports.Hunyuan), "浑源", "灵丘"))));
        await Ingestion(AdminKey).SubmitReportAsync(new SubmitReportRequest { Content = Google.Protobuf.ByteString.CopyFromUtf8(copy) });
        await Eventually.UntilAsync(async () => (await Compliance(AdminKey).ListFindingsAsync(new ListFindingsRequest
        {
            JurisdictionPrefix = "1402", Code = "TEXT_REUSED_FROM_OTHER_BODY",
        })).Findings.Count >= 2, TimeSpan.FromSeconds(60), "the copied pair flagged on both sides");

        using var sweep = Compliance(AdminKey).RunSweep(new RunSweepRequest
        {
            ReportYear = 2025, ScopePrefix = "1402", AsOf = new Date { Year = 2026, Month = 4, Day = 2 }, Trigger = "console-tests",
        });
        await foreach (var _ in sweep.ResponseStream.ReadAllAsync())
        {
        }
    }

    public IngestionService.IngestionServiceClient Ingestion(string key) => new(Channel("ingestion", key));

    public ComplianceService.ComplianceServiceClient Compliance(string key) => new(Channel("compliance", key));

    public AccessService.AccessServiceClient Access(string key) => new(Channel("compliance", key));

    public async Task DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
        await Platform.DisposeAsync();
        await _data.DisposeAsync();
    }

    private async Task<string> CreateKeyAsync(string name, string role, string scope) =>
        (await Access(AdminKey).CreateKeyAsync(new CreateKeyRequest { Name = name, Role = role, Scope = scope })).Secret;

    private ServiceChannel Channel(string service, string key)
    {
        var channel = ServiceChannel.For(Platform.Addresses[service], () => key);
        _channels.Add(channel);
        return channel;
    }
}
