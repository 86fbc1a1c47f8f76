using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Oversight.Testing;

namespace Oversight.Platform.Tests;

/// <summary>
/// The quick-start platform (three hosts, the sample reports loaded) as an HTTP/JSON caller sees it: plain HttpClients
/// that speak HTTP/1.1 only, and every answer recorded so that an independent validator can check it against the
/// hosts' OpenAPI documents.
/// </summary>
public sealed class JsonApiFixture : IAsyncLifetime
{
    private readonly List<string> _recorded = [];
    private TempFolder? _data;

    public PlatformHost Platform { get; private set; } = null!;

    /// <summary>One client for the calls, at most 64 connections at once (a host holds 500 per address).</summary>
    public HttpClient Client { get; } = Http11(new SocketsHttpHandler { MaxConnectionsPerServer = 64 });

    public string AdminKey { get; private set; } = "";

    public string ServiceKey { get; private set; } = "";

    public IReadOnlyList<string> Recorded
    {
        get
        {
            lock (_recorded)
            {
                return [.. _recorded];
            }
        }
    }

    public async Task InitializeAsync()
    {
        _data = TempFolder.Create("oversight-json-");
        Platform = await PlatformHost.StartAsync(
        [
            "--Ingestion:Endpoint:Port=0", "--Metrics:Endpoint:Port=0", "--Compliance:Endpoint:Port=0",
            $"--Platform:DataDirectory={_data.Path}", $"--Platform:Samples={RepositoryPaths.Combine("samples", "reports")}",
        ]);
        AdminKey = (await File.ReadAllTextAsync(Platform.AdminKeyFile)).Trim();
        ServiceKey = (await File.ReadAllTextAsync(Path.Combine(_data.Path, "service.key"))).Trim();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Platform.DisposeAsync();
        if (_data is not null)
        {
            await _data.DisposeAsync();
        }
    }

    /// <summary>A client that speaks HTTP/1.1 and nothing else (no upgrade, no fallback), as a gateway or a Java client would.</summary>
    public static HttpClient Http11(HttpMessageHandler? handler = null) => new(handler ?? new SocketsHttpHandler())
    {
        DefaultRequestVersion = HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>One call: its status and body, recorded for the OpenAPI check.</summary>
    public async Task<Answer> CallAsync(string host, HttpMethod method, string pathAndQuery, object? body = null, string? key = null, bool keyless = false)
    {
        using var request = new HttpRequestMessage(method, new Uri(Platform.HttpAddresses[host], pathAndQuery));
        if (!keyless)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key ?? AdminKey);
        }
        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpVersion.Version11, response.Version);
        var text = await response.Content.ReadAsStringAsync();
        var path = pathAndQuery.Split('?')[0];
        lock (_recorded)
        {
            _recorded.Add(JsonSerializer.Serialize(new { host, method = method.Method, path, status = (int)response.StatusCode, body = text }));
        }
        var reason = response.Headers.TryGetValues("x-oversight-reason", out var values) ? values.Single() : null;
        return new Answer(response.StatusCode, text, response.Headers.RetryAfter?.Delta, response.Content.Headers.ContentType?.MediaType, reason);
    }

    /// <summary>Runs tests/interop/node/json_api.js: documents validated, recorded answers checked, and (with a sample) the tour.</summary>
    public async Task<JsonObject> RunNodeCallerAsync(string? sample)
    {
        await using var folder = TempFolder.Create("oversight-json-recorded-");
        var recorded = Path.Combine(folder.Path, "recorded.jsonl");
        await File.WriteAllLinesAsync(recorded, Recorded);
        List<string> arguments =
        [
            RepositoryPaths.Combine("tests", "interop", "node", "json_api.js"),
            "--ingestion", Platform.HttpAddresses["ingestion"].ToString().TrimEnd('/'),
            "--metrics", Platform.HttpAddresses["metrics"].ToString().TrimEnd('/'),
            "--compliance", Platform.HttpAddresses["compliance"].ToString().TrimEnd('/'),
            "--key", AdminKey, "--recorded", recorded,
        ];
        if (sample is not null)
        {
            arguments.AddRange(["--sample", sample]);
        }
        var (exitCode, output, error) = await PeerProcess.RunAsync(InteropPeers.Node, arguments, TimeSpan.FromMinutes(3));
        Assert.True(exitCode == 0, $"json_api.js exited {exitCode}: {error}");
        return JsonNode.Parse(output.Trim().Split('\n')[^1])!.AsObject();
    }
}

/// <summary>What a JSON route answered.</summary>
public sealed record Answer(HttpStatusCode Status, string Body, TimeSpan? RetryAfter, string? MediaType, string? ReasonHeader)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    /// <summary>The lines of a streamed answer (newline-delimited JSON), or the one body.</summary>
    public IReadOnlyList<JsonNode> Lines => [.. Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)];

    /// <summary>ErrorInfo.reason of a refusal's google.rpc.Status.</summary>
    public string? Reason => Json["details"]?.AsArray().FirstOrDefault(d
        => (string?)d!["@type"] == "type.googleapis.com/google.rpc.ErrorInfo")?["reason"]?.GetValue<string>();
}
