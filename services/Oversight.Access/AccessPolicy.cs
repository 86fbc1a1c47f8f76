using System.Collections.Frozen;

namespace Oversight.Access;

/// <summary>
/// Which roles may call which method. Every method of the Oversight services is listed (a test holds
/// the list to the contracts); a method not listed is refused to everyone, so a new RPC is closed until
/// someone decides who may call it. Health and reflection are open for tooling.
/// Scope (which jurisdictions) is checked by the services themselves, on what each request names.
/// </summary>
public sealed class AccessPolicy
{
    private const string Ingestion = "/oversight.ingestion.v1.IngestionService/";
    private const string Metrics = "/oversight.metrics.v1.MetricsService/";
    private const string Compliance = "/oversight.compliance.v1.ComplianceService/";
    private const string AccessService = "/oversight.access.v1.AccessService/";
    private const string Push = "/oversight.push.v1.PushService/";

    private static readonly string[] Everyone = [Roles.CityOffice, Roles.ProvinceAdmin, Roles.Sweeper, Roles.Service];
    private static readonly string[] Readers = [Roles.CityOffice, Roles.ProvinceAdmin, Roles.Sweeper];
    private static readonly string[] Submitters = [Roles.CityOffice, Roles.ProvinceAdmin];
    // The service role submits what the platform's watcher found on the portals (with its fetch evidence), by any of the
    // three submission RPCs alike (the unary batch is the stream's counterpart); it subscribes to nothing.
    private static readonly string[] ReportSubmitters = [.. Submitters, Roles.Service];
    private static readonly string[] Admins = [Roles.ProvinceAdmin];
    private static readonly string[] Sweepers = [Roles.ProvinceAdmin, Roles.Sweeper];
    private static readonly string[] Triggers = [Roles.ProvinceAdmin, Roles.Service];
    private static readonly string[] Services = [Roles.Service];
    private static readonly string[] Auditors = [Roles.ProvinceAdmin, Roles.Auditor];

    private static readonly Dictionary<string, string[]> Oversight = new(StringComparer.Ordinal)
    {
        [Ingestion + "SubmitReport"] = ReportSubmitters,
        [Ingestion + "IngestReports"] = ReportSubmitters,
        [Ingestion + "SubmitReports"] = ReportSubmitters,
        // Metrics and compliance fetch reports to analyse and check them.
        [Ingestion + "GetReport"] = Everyone,
        [Ingestion + "GetReports"] = Everyone,
        [Ingestion + "ListRevisions"] = Everyone,
        [Ingestion + "ListReports"] = Everyone,
        [Ingestion + "StreamReports"] = Everyone,
        [Ingestion + "CountReports"] = Everyone,

        // Ingestion's outbox asks for analysis and checks; an administrator may ask again.
        [Metrics + "AnalyzeReport"] = Triggers,
        [Metrics + "GetReportMetrics"] = Readers,
        [Metrics + "QueryAggregates"] = Readers,
        [Metrics + "CompareYears"] = Readers,
        [Metrics + "ListIndicators"] = Readers,
        [Metrics + "ExportValues"] = Readers,

        [Compliance + "CheckReport"] = Triggers,
        [Compliance + "ListFindings"] = Readers,
        [Compliance + "SummarizeFindings"] = Readers,
        [Compliance + "GetFinding"] = Readers,
        [Compliance + "WaiveFinding"] = Admins,
        [Compliance + "ReopenFinding"] = Admins,
        [Compliance + "RunSweep"] = Sweepers,
        [Compliance + "ListSweeps"] = Sweepers,
        [Compliance + "GetSweep"] = Sweepers,
        // A finding names the rule pack that produced it, so whoever reads findings may read the packs.
        [Compliance + "ListRulePacks"] = Readers,
        [Compliance + "GetRulePack"] = Readers,
        [Compliance + "UpsertRulePack"] = Admins,
        [Compliance + "ImportRegistry"] = Admins,
        [Compliance + "ImportRegistryFile"] = Admins,
        // The watcher reads the registry's portal columns with the service role.
        [Compliance + "ListRegistry"] = [.. Sweepers, Roles.Service],

        [AccessService + "CreateKey"] = Admins,
        [AccessService + "ListKeys"] = Admins,
        [AccessService + "RevokeKey"] = Admins,
        [AccessService + "VerifyKey"] = Services,
        [AccessService + "ListAudit"] = Auditors,

        // Offices that submit and read reports subscribe to what happens to them, inside their scope.
        [Push + "CreateSubscription"] = Submitters,
        [Push + "ListSubscriptions"] = Submitters,
        [Push + "DeleteSubscription"] = Submitters,
        [Push + "PauseSubscription"] = Submitters,
        [Push + "ResumeSubscription"] = Submitters,
        [Push + "ListDeliveries"] = Submitters,
        [Push + "ReplayDelivery"] = Submitters,
        // Every key may ask which key it is (the console shows what it may see and do).
        [AccessService + "GetCaller"] = [.. Roles.All],
    };

    private readonly FrozenDictionary<string, string[]> _allowed;

    private AccessPolicy(IEnumerable<KeyValuePair<string, string[]>> allowed) => _allowed = allowed.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The Oversight services' policy.</summary>
    public static AccessPolicy Default { get; } = new(Oversight);

    /// <summary>This policy plus one more method (hosts serving services of their own, benchmarks).</summary>
    public AccessPolicy With(string method, params string[] roles) => new(_allowed.Append(new KeyValuePair<string, string[]>(method, roles)));

    /// <summary>The methods this policy decides, "/package.Service/Method".</summary>
    public IReadOnlyCollection<string> Methods => _allowed.Keys;

    /// <summary>Health and reflection: no key needed.</summary>
    public static bool IsOpen(string method) =>
        method.StartsWith("/grpc.health.v1.Health/", StringComparison.Ordinal) || method.StartsWith("/grpc.reflection.", StringComparison.Ordinal);

    public bool Allows(string method, string role) => _allowed.TryGetValue(method, out var roles) && Array.IndexOf(roles, role) >= 0;

    /// <summary>The roles that may call a method, for the refusal message.</summary>
    public IReadOnlyList<string> RolesFor(string method) => _allowed.TryGetValue(method, out var roles) ? roles : [];
}
