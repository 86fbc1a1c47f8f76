using System.CommandLine;

namespace Oversight.Cli;

/// <summary>
/// Where the services are: a flag, else an environment variable, else the platform's loopback defaults,
/// so the command line works against `dotnet run --project services/Oversight.Platform` with no flags.
/// </summary>
public sealed class ServerOptions
{
    public Option<string> Ingestion { get; } = Create("--ingestion", "OVERSIGHT_INGESTION_URL", "http://127.0.0.1:5101", "摄取服务地址 ingestion service address");

    public Option<string> Metrics { get; } = Create("--metrics", "OVERSIGHT_METRICS_URL", "http://127.0.0.1:5102", "指标服务地址 metrics service address");

    public Option<string> Compliance { get; } = Create("--compliance", "OVERSIGHT_COMPLIANCE_URL", "http://127.0.0.1:5103",
        "合规服务地址 compliance service address");

    public Option<string> Watching { get; } = Create("--watching", "OVERSIGHT_WATCHING_URL", "http://127.0.0.1:5104", "网站监测服务地址 watching service address");

    /// <summary>Where the API key is when OVERSIGHT_KEY is not set: the platform's administrator key by default.</summary>
    public Option<string> KeyFile { get; } = Create("--key-file", "OVERSIGHT_KEY_FILE", Path.Combine("data", "admin.key"),
        "API 密钥文件;环境变量 OVERSIGHT_KEY 优先 (API key file; OVERSIGHT_KEY wins)");

    /// <summary>
    /// The authority (PEM) the services' certificates come from when they serve TLS with a private one, as the hosts'
    /// Access:ServerCertificateAuthorityPath; none trusts the system's store.
    /// </summary>
    public Option<string> CaFile { get; } = Create("--ca-file", "OVERSIGHT_CA_FILE", "",
        "服务证书的签发机构证书 (PEM);服务使用私有 CA 的 TLS 证书时必填 (authority of the services' certificates)");

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Ingestion);
        root.Options.Add(Metrics);
        root.Options.Add(Compliance);
        root.Options.Add(Watching);
        root.Options.Add(KeyFile);
        root.Options.Add(CaFile);
    }

    private static Option<string> Create(string name, string variable, string fallback, string description) => new(name)
    {
        Description = $"{description} (环境变量 {variable}{(fallback.Length > 0 ? $"; 默认 {fallback}" : "")})",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : fallback,
    };
}
