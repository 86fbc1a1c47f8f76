using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Oversight.Access;
using Oversight.Contracts.Access.V1;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Contracts.Metrics.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Oversight.ServiceDefaults.Clients;
using Oversight.Testing;

namespace Oversight.Access.Tests;

/// <summary>
/// The three services with keys, as deployed separately: compliance keeps the keys and writes the first
/// administrator's and the services' keys to the data folder; ingestion and metrics verify callers there.
/// Ingestion's outbox delivers to both with the service key. Every log line is captured.
/// </summary>
public sealed class AccessStack : IAsyncLifetime
{
    private readonly List<ServiceChannel> _channels = [];
    private readonly Dictionary<string, string?> _overrides;

    /// <summary>With a failure limit no test reaches by accident (the matrix tests make hundreds of bad calls from 127.0.0.1).</summary>
    public AccessStack() : this(new Dictionary<string, string?> { ["Access:FailureLimit"] = "100000" })
    {
    }

    /// <param name="ingestionServices">Registrations made after ingestion's own (the last one wins), e.g. an attachment reader that counts.</param>
    internal AccessStack(Dictionary<string, string?> overrides, string scheme = "http", ClientTransport? transport = null,
        Action<IServiceCollection>? ingestionServices = null)
    {
        _overrides = overrides;
        _scheme = scheme;
        _transport = transport;
        _ingestionServices = ingestionServices;
    }

    private readonly Action<IServiceCollection>? _ingestionServices;

    private readonly string _scheme = "http";
    private readonly ClientTransport? _transport;

    public CapturingLoggerProvider Logs { get; } = new();

    private readonly TempFolder _data = TempFolder.Create("oversight-access-");

    public string Data => _data.Path;

    public RunningHost ComplianceHost { get; private set; } = null!;

    public RunningHost MetricsHost { get; private set; } = null!;

    public RunningHost IngestionHost { get; private set; } = null!;

    /// <summary>The first administrator's key (province_admin, whole country), as the bootstrap wrote it.</summary>
    public string AdminKey { get; private set; } = "";

    public IReadOnlyDictionary<string, Uri> Addresses => new Dictionary<string, Uri>
    {
        ["ingestion"] = IngestionHost.Address, ["metrics"] = MetricsHost.Address, ["compliance"] = ComplianceHost.Address,
    };

    public async Task InitializeAsync()
    {
        var ports = new Dictionary<string, int> { ["Ingestion"] = FreePorts.Next(), ["Metrics"] = FreePorts.Next(), ["Compliance"] = FreePorts.Next() };
        string Url(string section) => $"{_scheme}://127.0.0.1:{ports[section]}";
        Dictionary<string, string?> Settings(string section)
        {
            var settings = new Dictionary<string, string?>
            {
                [$"{section}:Endpoint:Port"] = ports[section].ToString(System.Globalization.CultureInfo.InvariantCulture),
                [$"{section}:Endpoint:HttpPort"] = "0",
                ["Access:Authority"] = section == "Compliance" ? "" : Url("Compliance"),
                ["Access:ServiceKeyFile"] = Path.Combine(Data, "service.key"),
                ["Access:AdminKeyFile"] = Path.Combine(Data, "admin.key"),
                ["Metrics:Ingestion"] = Url("Ingestion"),
                ["Compliance:Ingestion"] = Url("Ingestion"),
                ["Ingestion:Outbox:Metrics"] = Url("Metrics"),
                ["Ingestion:Outbox:Compliance"] = Url("Compliance"),
                ["Ingestion:Outbox:PollInterval"] = "00:00:00.100",
                ["Ingestion:Outbox:MaxBackoff"] = "00:00:00.300",
            };
            foreach (var (key, value) in _overrides)
            {
                settings[key] = value;
            }
            return settings;
        }
        ComplianceHost = await ServiceHosts.StartAsync(Oversight.Compliance.Extensions.Section,
            b => { b.Logging.AddProvider(Logs); Oversight.Compliance.Extensions.AddCompliance(b); },
            a => Oversight.Compliance.Extensions.MapCompliance(a), Data, Settings("Compliance"));
        MetricsHost = await ServiceHosts.StartAsync(Oversight.Metrics.Extensions.Section,
            b => { b.Logging.AddProvider(Logs); Oversight.Metrics.Extensions.AddMetrics(b); },
            a => Oversight.Metrics.Extensions.MapMetrics(a), Data, Settings("Metrics"));
        IngestionHost = await ServiceHosts.StartAsync(Oversight.Ingestion.Extensions.Section, b =>
        {
            b.Logging.AddProvider(Logs);
            Oversight.Ingestion.Extensions.AddIngestion(b);
            _ingestionServices?.Invoke(b.Services);
        }, a => Oversight.Ingestion.Extensions.MapIngestion(a), Data, Settings("Ingestion"));
        AdminKey = KeyFiles.Read(Path.Combine(Data, "admin.key"))!;
    }

    public async Task DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
        await IngestionHost.DisposeAsync();
        await MetricsHost.DisposeAsync();
        if (!_complianceStopped)
        {
            await ComplianceHost.DisposeAsync();
        }
        await _data.DisposeAsync();
    }

    private bool _complianceStopped;

    /// <summary>Stops the service that keeps the keys (its address stays known to the others).</summary>
    public async Task StopComplianceAsync()
    {
        _complianceStopped = true;
        await ComplianceHost.DisposeAsync();
    }

    /// <summary>A channel to "ingestion", "metrics" or "compliance" sending <paramref name="key"/> (none when null).</summary>
    public ServiceChannel Channel(string service, string? key)
    {
        var channel = ServiceChannel.For(Addresses[service], key is null ? null : () => key, _transport);
        _channels.Add(channel);
        return channel;
    }

    public IngestionService.IngestionServiceClient Ingestion(string? key) => new(Channel("ingestion", key));

    public MetricsService.MetricsServiceClient Metrics(string? key) => new(Channel("metrics", key));

    public ComplianceService.ComplianceServiceClient Compliance(string? key) => new(Channel("compliance", key));

    public AccessService.AccessServiceClient Access(string? key) => new(Channel("compliance", key));

    /// <summary>Issues a key with the first administrator's key; returns the secret.</summary>
    public async Task<string> CreateKeyAsync(string role, string scope, string name = "test")
    {
        var response = await Access(AdminKey).CreateKeyAsync(new CreateKeyRequest { Name = name, Role = role, Scope = scope });
        return response.Secret;
    }

    /// <summary>Submits the five seeds as the administrator and waits (bounded) until metrics and compliance have all of them.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SubmitSeedsAsync()
    {
        var ids = new Dictionary<string, string>();
        foreach (var seed in SampleReports.All)
        {
            var submitted = await Ingestion(AdminKey).SubmitReportAsync(new SubmitReportRequest { Content = ByteString.CopyFrom(SampleReports.Bytes(seed)) });
            ids[seed] = submitted.ReportId;
        }
        var metrics = Metrics(AdminKey);
        var compliance = Compliance(AdminKey);
        await Eventually.UntilAsync(
            async () =>
            {
                var findings = await compliance.ListFindingsAsync(new ListFindingsRequest { PageSize = 100 });
                var analysed = await metrics.QueryAggregatesAsync(new QueryAggregatesRequest
                {
                    GroupBy = AggregateGrouping.Jurisdiction, Indicators = { "legal_aid.cases" },
                });
                return findings.Findings.Count >= 10 && analysed.Rows.Count >= 5;
            },
            TimeSpan.FromSeconds(30), "ten findings and five analysed seeds");
        return ids;
    }
}
