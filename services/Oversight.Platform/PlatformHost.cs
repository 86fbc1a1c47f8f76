using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Oversight.Access;
using Oversight.ServiceDefaults.Hosting;
using Grpc.Core;
using Spectre.Console;

namespace Oversight.Platform;

/// <summary>
/// The embedded default: ingestion, metrics and compliance as three hosts in one process, each on its own
/// loopback port, configured as they would be when run separately ("Ingestion:Endpoint:Port" …); with
/// Platform:Watching=true the portal watcher as a fourth.
/// </summary>
public sealed class PlatformHost : IAsyncDisposable
{
    private readonly List<(string Name, WebApplication App, Uri Address)> _hosts;
    private readonly TaskCompletionSource _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly (WebApplication App, Uri Address)? _console;

    private PlatformHost(
        List<(string, WebApplication, Uri)> hosts, (WebApplication, Uri)? console, IReadOnlyList<SampleRow> samples, string? newAdminKey, string adminKeyFile)
    {
        _hosts = hosts;
        _console = console;
        Samples = samples;
        NewAdminKey = newAdminKey;
        AdminKeyFile = adminKeyFile;
        Console.CancelKeyPress += OnCancelKeyPress;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        // Each host's console lifetime takes SIGTERM (and Ctrl+C) itself, cancels the process's default exit and stops
        // only that host; the platform then stops all three. Without this it waited for an exit that never came.
        foreach (var (_, app, _) in _hosts)
        {
            app.Lifetime.ApplicationStopping.Register(() => _shutdown.TrySetResult());
        }
    }

    public IReadOnlyDictionary<string, Uri> Addresses => _hosts.ToDictionary(h => h.Name, h => h.Address);

    /// <summary>Where each host serves HTTP/JSON and its OpenAPI document over HTTP/1.1 (none when switched off).</summary>
    public IReadOnlyDictionary<string, Uri> HttpAddresses => _hosts
        .Select(h => (h.Name, Http: h.App.Services.GetRequiredService<GrpcEndpointOptions>().HttpAddress(h.Address)))
        .Where(h => h.Http is not null).ToDictionary(h => h.Name, h => h.Http!);
    /// <summary>The web console's address (HTTP, for browsers), or null when Console:Enabled is false.</summary>
    public Uri? ConsoleAddress => _console?.Address;

    /// <summary>The sample reports loaded on this start (none after the first start).</summary>
    public IReadOnlyList<SampleRow> Samples { get; }

    /// <summary>The administrator key created on this start, to print once; null on later starts.</summary>
    public string? NewAdminKey { get; }

    public string AdminKeyFile { get; }

    public static async Task<PlatformHost> StartAsync(string[] args)
    {
        var settings = new ConfigurationManager();
        Configure(settings, args);
        var adminKeyFile = PlatformWiring.AdminKeyFile(settings);
        var hadAdminKey = File.Exists(adminKeyFile);
        var hosts = new List<(string, WebApplication, Uri)>();
        try
        {
            // Compliance first: it keeps the keys and writes the key files the others use. Then metrics, then ingestion,
            // whose outbox needs both bound. Metrics and compliance fetch from ingestion only when asked to, so they
            // learn its address once it is bound.
            var ingestion = PlatformWiring.ConfiguredAddress(settings, "Ingestion");
            // Compliance keeps the keys itself: it needs the key files' places, not an authority.
            var compliance = await StartHostAsync("compliance", args, PlatformWiring.AccessSettings(settings, compliance: null),
                b => Compliance.Extensions.AddCompliance(b), a => Compliance.Extensions.MapCompliance(a));
            hosts.Add(compliance);
            var access = PlatformWiring.AccessSettings(settings, PlatformWiring.Reachable(compliance.Address));
            hosts.Add(await StartHostAsync("metrics", args, access, b => Metrics.Extensions.AddMetrics(b), a => Metrics.Extensions.MapMetrics(a)));
            var outbox = new Dictionary<string, string?>(access, StringComparer.OrdinalIgnoreCase);
            PlatformWiring.SetUnlessConfigured(settings, outbox, "Ingestion:Outbox:Metrics", PlatformWiring.Reachable(hosts[1].Item3));
            PlatformWiring.SetUnlessConfigured(settings, outbox, "Ingestion:Outbox:Compliance", PlatformWiring.Reachable(compliance.Address));
            hosts.Add(await StartHostAsync("ingestion", args, outbox, b => Ingestion.Extensions.AddIngestion(b), a => Ingestion.Extensions.MapIngestion(a)));
            ingestion ??= PlatformWiring.Reachable(hosts[2].Item3);
            Introduce(settings, compliance.App, "Compliance:Ingestion", ingestion);
            Introduce(settings, hosts[1].Item2, "Metrics:Ingestion", ingestion);
            // The watcher fetches from government portals: only when asked to (Platform:Watching=true), never by a local demo.
            if (string.Equals(settings["Platform:Watching"], "true", StringComparison.OrdinalIgnoreCase))
            {
                var watching = new Dictionary<string, string?>(access, StringComparer.OrdinalIgnoreCase);
                PlatformWiring.SetUnlessConfigured(settings, watching, "Watching:Ingestion", ingestion);
                PlatformWiring.SetUnlessConfigured(settings, watching, "Watching:Compliance", PlatformWiring.Reachable(compliance.Address));
                hosts.Add(await StartHostAsync("watching", args, watching, b => Watching.Extensions.AddWatching(b), a => Watching.Extensions.MapWatching(a)));
            }
        }
        catch
        {
            await DisposeAllAsync(hosts);
            throw;
        }
        IReadOnlyList<SampleRow> samples;
        try
        {
            // The samples folder of the repository when run from its root (the README's Quick start).
            var folder = settings["Platform:Samples"] ?? Path.Combine("samples", "reports");
            var adminKey = KeyFiles.Read(adminKeyFile);
            var open = string.Equals(settings["Access:Open"], "true", StringComparison.OrdinalIgnoreCase);
            // Without the administrator's key (moved or deleted after the first start) there is no one to load the samples as.
            samples = adminKey is null && !open
                ? []
                : await SampleLoader.LoadAsync(hosts.Single(h => h.Item1 == "ingestion").Item3, hosts.Single(h => h.Item1 == "compliance").Item3,
                    folder, () => adminKey, PlatformWiring.ClientTransport(settings), CancellationToken.None);
        }
        catch
        {
            await DisposeAllAsync(hosts);
            throw;
        }
        (WebApplication, Uri)? console = null;
        try
        {
            console = await StartConsoleAsync(settings, args, hosts);
        }
        catch
        {
            await DisposeAllAsync(hosts);
            throw;
        }
        return new PlatformHost(hosts, console, samples, hadAdminKey ? null : KeyFiles.Read(adminKeyFile), adminKeyFile);
    }

    public void PrintWelcome(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        // Piped output would otherwise be cut to 80 columns, and a report's row split over many lines.
        console.Profile.Width = Math.Max(console.Profile.Width, 150);
        if (Samples.Count > 0)
        {
            var reports = new Table().AddColumn("样本 sample").AddColumn("辖区 jurisdiction").AddColumn("年度 year").AddColumn("发布 published")
                .AddColumn("部分 sections").AddColumn("错误 errors").AddColumn("警告 warnings").AddColumn("提示 infos");
            foreach (var row in Samples)
            {
                reports.AddRow(
                    Markup.Escape(row.File.Split("__")[0]),
                    Markup.Escape(row.Rejected.Length > 0 ? "未接收: " + row.Rejected : row.Jurisdiction),
                    row.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    row.PublishedAt,
                    Markup.Escape(string.Join(", ", row.Sections.Distinct())),
                    row.Errors.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    row.Warnings.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    row.Infos.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            output.WriteLine("First start: the sample reports were ingested and checked.");
            console.Write(reports);
        }
        var table = new Table().AddColumn("服务 service").AddColumn("地址 address (gRPC)").AddColumn("HTTP/JSON, OpenAPI");
        var http = HttpAddresses;
        foreach (var (name, _, address) in _hosts)
        {
            table.AddRow(name, address.ToString(), http.TryGetValue(name, out var json) ? json.ToString() : "-");
        }
        if (ConsoleAddress is { } consoleAddress)
        {
            table.AddRow("console 网页控制台", consoleAddress.ToString());
        }
        console.Write(table);
        // Plain lines, so a command to copy (or the key) is never wrapped at the console width.
        if (!File.Exists(AdminKeyFile))
        {
            output.WriteLine(
                $"没有找到管理员密钥 {AdminKeyFile} (no administrator key file): use a key you hold through OVERSIGHT_KEY, or start with a new data folder.");
        }
        if (NewAdminKey is not null)
        {
            output.WriteLine($"管理员密钥 administrator key (shown once; kept owner-only in {AdminKeyFile}, where the command line finds it):");
            output.WriteLine(NewAdminKey);
        }
        output.WriteLine("Oversight platform ready. Check it with: dotnet run --project services/Oversight.Cli -- health");
        output.WriteLine("Press Ctrl+C to stop.");
    }

    public Task WaitForShutdownAsync() => _shutdown.Task;

    public async ValueTask DisposeAsync()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        if (_console is { } console)
        {
            await console.App.StopAsync();
            await console.App.DisposeAsync();
        }
        await DisposeAllAsync(_hosts);
    }

    // Ingestion (started last) stops first, so its outbox stops before the receivers do; what it has not delivered stays in its database.
    private static async Task DisposeAllAsync(List<(string, WebApplication, Uri)> hosts)
    {
        foreach (var (_, app, _) in Enumerable.Reverse(hosts))
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    // The web console, on by default (Console:Enabled=false leaves it out): a caller of the three like any other, told their addresses.
    private static async Task<(WebApplication, Uri)?> StartConsoleAsync(IConfiguration settings, string[] args, List<(string Name, WebApplication App,
        Uri Address)> hosts)
    {
        if (string.Equals(settings["Console:Enabled"], "false", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var wiring = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        // A platform moved off the services' default ports (tests, a second platform beside the first) takes a free port for
        // the console too, unless its own port is given, rather than contend for the default one.
        var moved = new[] { ("Ingestion", "5101"), ("Metrics", "5102"), ("Compliance", "5103") }.Any(s => settings[$"{s.Item1}:Endpoint:Port"] != s.Item2);
        var consolePortGiven = args.Any(a => a.Contains("Console:Endpoint:Port", StringComparison.OrdinalIgnoreCase))
            || Environment.GetEnvironmentVariable("OVERSIGHT_Console__Endpoint__Port") is not null;
        if (moved && !consolePortGiven)
        {
            wiring["Console:Endpoint:Port"] = "0";
        }
        foreach (var (name, _, address) in hosts)
        {
            PlatformWiring.SetUnlessConfigured(settings, wiring, "Console:" + char.ToUpperInvariant(name[0]) + name[1..], PlatformWiring.Reachable(address));
        }
        var (_, app, bound) = await StartHostAsync("console", args, wiring, b => WebConsole.Extensions.AddOfficeConsole(b), a
            => WebConsole.Extensions.MapOfficeConsole(a));
        return (app, bound);
    }

    // A service that reads another's address when it first calls it (the report fetcher) is told it after starting.
    private static void Introduce(IConfiguration settings, WebApplication app, string key, string address)
    {
        if (string.IsNullOrWhiteSpace(settings[key]))
        {
            app.Configuration[key] = address;
        }
    }

    private static async Task<(string Name, WebApplication App, Uri Address)> StartHostAsync(
        string name, string[] args, IReadOnlyDictionary<string, string?> wiring, Action<WebApplicationBuilder> add, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ApplicationName = "Oversight." + name });
        Configure(builder.Configuration, args).AddInMemoryCollection(wiring);
        add(builder);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (name, app, new Uri(address));
    }

    private static IConfigurationBuilder Configure(IConfigurationBuilder configuration, string[] args) => configuration
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "platformsettings.json"), optional: true)
        .AddEnvironmentVariables("OVERSIGHT_")
        .AddCommandLine(args);

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        _shutdown.TrySetResult();
    }

    private void OnProcessExit(object? sender, EventArgs e) => _shutdown.TrySetResult();
}
