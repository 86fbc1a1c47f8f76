using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Oversight.Access;
using Oversight.ServiceDefaults.Hosting;
using Oversight.Testing;

namespace Oversight.Platform.Tests;

/// <summary>
/// 503 on the JSON routes for real: a host whose dependency has stopped (the ingestion host a compliance check fetches from,
/// the compliance host that verifies another host's keys) answers HTTP 503 with google.rpc.Status as JSON and the stable reason,
/// and goes on answering what it can do alone.
/// </summary>
public sealed class JsonDependencyTests
{
    [Fact]
    public async Task CheckReport_IngestionStopped_503IngestionUnavailable()
    {
        await using var data = TempFolder.Create("oversight-json-503-");
        var ingestion = await StartIngestionAsync(data.Path, FreePorts.Next(), authority: null);
        await using var compliance = await StartComplianceAsync(data.Path, FreePorts.Next(), ingestion.Address);
        using var client = JsonApiFixture.Http11();
        var admin = KeyFiles.Read(Path.Combine(data.Path, "admin.key"))!;
        var content = Convert.ToBase64String(SampleReports.Bytes(SampleReports.Hunyuan));
        var submitted = await CallAsync(client, ingestion, HttpMethod.Post, "/v1/reports", admin, new { content });
        Assert.Equal(HttpStatusCode.OK, submitted.Status);
        var reportId = (string)submitted.Json["reportId"]!;
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(client, compliance, HttpMethod.Post, $"/v1/reports/{reportId}:check", admin, new { })).Status);

        await ingestion.DisposeAsync();
        var refused = await CallAsync(client, compliance, HttpMethod.Post, $"/v1/reports/{reportId}:check", admin, new { });

        AssertRefused(refused, HttpStatusCode.ServiceUnavailable, 14, "INGESTION_UNAVAILABLE", "摄取服务暂时不可用");
        // What compliance holds itself still answers.
        var findings = await CallAsync(client, compliance, HttpMethod.Get, $"/v1/findings?report_id={reportId}", admin);
        Assert.True(findings.Status == HttpStatusCode.OK, findings.Body);
    }

    [Fact]
    public async Task AnyRoute_KeyAuthorityStopped_503AccessUnavailable()
    {
        await using var data = TempFolder.Create("oversight-json-503-");
        var compliancePort = FreePorts.Next();
        var compliance = await StartComplianceAsync(data.Path, compliancePort, new Uri("http://127.0.0.1:1"));
        await using var ingestion = await StartIngestionAsync(data.Path, FreePorts.Next(), new Uri($"http://127.0.0.1:{compliancePort}"));
        using var client = JsonApiFixture.Http11();
        var admin = KeyFiles.Read(Path.Combine(data.Path, "admin.key"))!;
        var created = await CallAsync(client, compliance, HttpMethod.Post, "/v1/keys", admin,
            new { name = "大同市司法局报送系统", role = "city_office", scope = "1402" });
        var city = (string)created.Json["secret"]!;
        // The administrator's key is verified (and cached) by ingestion while compliance is up; the city's is not.
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(client, ingestion, HttpMethod.Get, "/v1/reports", admin)).Status);

        await compliance.DisposeAsync();
        var refused = await CallAsync(client, ingestion, HttpMethod.Get, "/v1/reports?filter.jurisdiction_prefix=1402", city);

        AssertRefused(refused, HttpStatusCode.ServiceUnavailable, 14, "ACCESS_UNAVAILABLE", "暂时无法核验 API 密钥");
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(client, ingestion, HttpMethod.Get, "/v1/reports", admin)).Status);
    }

    private static void AssertRefused(Answer answer, HttpStatusCode status, int code, string reason, string message)
    {
        Assert.True(answer.Status == status, $"{(int)answer.Status} {answer.Body}");
        Assert.Equal("application/json", answer.MediaType);
        Assert.Equal((code, reason, reason), ((int)answer.Json["code"]!, answer.Reason, answer.ReasonHeader));
        Assert.Contains(message, (string?)answer.Json["message"], StringComparison.Ordinal);
        Assert.EndsWith($"({reason})", (string?)answer.Json["message"], StringComparison.Ordinal);
        var info = answer.Json["details"]!.AsArray().Single(d => (string?)d!["@type"] == "type.googleapis.com/google.rpc.ErrorInfo")!;
        Assert.Equal("oversight", (string?)info["domain"]);
    }

    private static async Task<Answer> CallAsync(HttpClient client, RunningHost host, HttpMethod method, string path, string key, object? body = null)
    {
        var address = host.Services.GetRequiredService<GrpcEndpointOptions>().HttpAddress(host.Address)!;
        using var request = new HttpRequestMessage(method, new Uri(address, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(request);
        var reason = response.Headers.TryGetValues("x-oversight-reason", out var values) ? values.Single() : null;
        return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.RetryAfter?.Delta,
            response.Content.Headers.ContentType?.MediaType, reason);
    }

    private static Dictionary<string, string?> Settings(string section, string data, int port, Uri? authority) => new()
    {
        [$"{section}:Endpoint:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"{section}:Endpoint:HttpPort"] = "0",
        ["Access:Authority"] = authority?.ToString() ?? "",
        ["Access:ServiceKeyFile"] = Path.Combine(data, "service.key"),
        ["Access:AdminKeyFile"] = Path.Combine(data, "admin.key"),
    };

    private static Task<RunningHost> StartComplianceAsync(string data, int port, Uri ingestion)
    {
        var settings = Settings(Compliance.Extensions.Section, data, port, authority: null);
        settings["Compliance:Ingestion"] = ingestion.ToString();
        settings["Compliance:SeedRegistry"] = "false";
        return ServiceHosts.StartAsync(Compliance.Extensions.Section, b => Compliance.Extensions.AddCompliance(b), a => Compliance.Extensions.MapCompliance(a),
            data, settings);
    }

    // With no authority, ingestion verifies nothing itself: it asks the compliance host that holds the keys (started first on that port).
    private static Task<RunningHost> StartIngestionAsync(string data, int port, Uri? authority) =>
        ServiceHosts.StartAsync(Ingestion.Extensions.Section, b => Ingestion.Extensions.AddIngestion(b), a => Ingestion.Extensions.MapIngestion(a), data,
            authority is null ? new Dictionary<string, string?> { ["Access:Open"] = "true" } : Settings(Ingestion.Extensions.Section, data, port, authority));
}
