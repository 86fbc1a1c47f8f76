using Grpc.Health.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Oversight.ServiceDefaults.Clients;
using Oversight.ServiceDefaults.Security;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Contracts.Metrics.V1;
using Oversight.Contracts.Compliance.V1;

namespace Oversight.Platform.Tests;

public class PlatformHostTests
{
    [Fact]
    public async Task StartAsync_FreePorts_ThreeHostsEachServingOnItsOwnLoopbackPort()
    {
        await using var data = Oversight.Testing.TempFolder.Create("oversight-platform-");
        await using var platform = await PlatformHost.StartAsync(
            ["--Ingestion:Endpoint:Port=0", "--Metrics:Endpoint:Port=0", "--Compliance:Endpoint:Port=0", $"--Platform:DataDirectory={data.Path}"]);

        Assert.Equal(["compliance", "ingestion", "metrics"], platform.Addresses.Keys.Order());
        Assert.Equal(3, platform.Addresses.Values.Select(a => a.Port).Distinct().Count());
        foreach (var address in platform.Addresses.Values)
        {
            Assert.Equal("127.0.0.1", address.Host);
            using var channel = GrpcChannel.ForAddress(address);
            var response = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), CallDeadline.In(TimeSpan.FromSeconds(10)));
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
        }
    }

    [Fact]
    public async Task StartAsync_WatchingAsked_FourthHostServingWithTheAdministratorsKey()
    {
        await using var data = Oversight.Testing.TempFolder.Create("oversight-platform-");
        await using var platform = await PlatformHost.StartAsync(
        [
            "--Ingestion:Endpoint:Port=0", "--Metrics:Endpoint:Port=0", "--Compliance:Endpoint:Port=0", "--Watching:Endpoint:Port=0",
            .. Oversight.Testing.ServiceHosts.FreeHttpPorts,
            "--Platform:Watching=true", $"--Platform:DataDirectory={data.Path}", "--Platform:Samples=none",
        ]);
        using var channel = AdminChannel(platform, "watching");
        using var anonymous = GrpcChannel.ForAddress(platform.Addresses["watching"]);
        using var json = JsonApiFixture.Http11();
        var http = platform.HttpAddresses["watching"];

        var status = await new Oversight.Contracts.Watching.V1.WatchingService.WatchingServiceClient(channel).GetWatchStatusAsync(new());
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Oversight.Contracts.Watching.V1.WatchingService.WatchingServiceClient(anonymous).RunWatchAsync(new()));
        // The same two RPCs over HTTP/JSON: the routes answer, a bad prefix is refused, a call without a key too.
        var keyless = await json.PostAsync(new Uri(http, "/v1/watch:run"), Json("{}"));
        json.DefaultRequestHeaders.Authorization = new("Bearer", Oversight.Access.KeyFiles.Read(platform.AdminKeyFile));
        var statusJson = await json.GetAsync(new Uri(http, "/v1/watch/status?passes=5"));
        var badPrefix = await json.PostAsync(new Uri(http, "/v1/watch:run"), Json("""{"codePrefix":"14x"}"""));
        var badPasses = await json.GetAsync(new Uri(http, "/v1/watch/status?passes=101"));

        Assert.Equal(["compliance", "ingestion", "metrics", "watching"], platform.Addresses.Keys.Order());
        Assert.Empty(status.Passes);
        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, keyless.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, statusJson.StatusCode);
        Assert.Empty(System.Text.Json.Nodes.JsonNode.Parse(await statusJson.Content.ReadAsStringAsync())!["passes"]!.AsArray());
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, badPrefix.StatusCode);
        Assert.Contains("FILTER_INVALID", await badPrefix.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, badPasses.StatusCode);
        Assert.Contains("PAGE_SIZE_INVALID", await badPasses.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task PrintWelcome_Started_ListsEachServiceAddress()
    {
        await using var data = Oversight.Testing.TempFolder.Create("oversight-platform-");
        await using var platform = await PlatformHost.StartAsync(
            ["--Ingestion:Endpoint:Port=0", "--Metrics:Endpoint:Port=0", "--Compliance:Endpoint:Port=0", $"--Platform:DataDirectory={data.Path}"]);
        using var output = new StringWriter();

        platform.PrintWelcome(output);

        foreach (var address in platform.Addresses.Values)
        {
            Assert.Contains(address.ToString(), output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task StartAsync_SubmittedReport_AnalysedByMetricsThroughTheOutbox()
    {
        await using var data = Oversight.Testing.TempFolder.Create("oversight-platform-");
        await using var platform = await PlatformHost.StartAsync(
            ["--Ingestion:Endpoint:Port=0", "--Metrics:Endpoint:Port=0", "--Compliance:Endpoint:Port=0", $"--Platform:DataDirectory={data.Path}"]);
        using var ingestionChannel = AdminChannel(platform, "ingestion");
        using var metricsChannel = AdminChannel(platform, "metrics");
        var submitted = await new IngestionService.IngestionServiceClient(ingestionChannel)
            .SubmitReportAsync(new Oversight.Contracts.Ingestion.V1.SubmitReportRequest
            {
                Content = Google.Protobuf.ByteString.CopyFrom(Oversight.Testing.SampleReports.Bytes(Oversight.Testing.SampleReports.Yungang)),
            });

        var metrics = await Oversight.Testing.Eventually.FoundAsync(
            async () => await new MetricsService.MetricsServiceClient(metricsChannel)
                .GetReportMetricsAsync(new Oversight.Contracts.Metrics.V1.GetReportMetricsRequest { ReportId = submitted.ReportId }),
            TimeSpan.FromSeconds(20), "the report's metrics");
        Assert.Equal(16 + 9, metrics.Values.Count); // 16 figures, and 云冈区's measures cover all nine task areas
    }

    [Fact]
    public async Task StartAsync_FiveSeedsSubmitted_FindingsAppearThroughTheOutbox()
    {
        await using var data = Oversight.Testing.TempFolder.Create("oversight-platform-");
        await using var platform = await PlatformHost.StartAsync(
            ["--Ingestion:Endpoint:Port=0", "--Metrics:Endpoint:Port=0", "--Compliance:Endpoint:Port=0", $"--Platform:DataDirectory={data.Path}"]);
        using var ingestionChannel = AdminChannel(platform, "ingestion");
        using var complianceChannel = AdminChannel(platform, "compliance");
        var compliance = new ComplianceService.ComplianceServiceClient(complianceChannel);
        foreach (var seed in Oversight.Testing.SampleReports.All)
        {
            await new IngestionService.IngestionServiceClient(ingestionChannel).SubmitReportAsync(new Oversight.Contracts.Ingestion.V1.SubmitReportRequest
            {
                Content = Google.Protobuf.ByteString.CopyFrom(Oversight.Testing.SampleReports.Bytes(seed)),
            });
        }

        // 1 + 4 + 0 + 4 + 1 findings on the five seeds (issue 7), all delivered without anyone asking.
        var listed = await Oversight.Testing.Eventually.UntilAsync(
            async () => await compliance.ListFindingsAsync(new Oversight.Contracts.Compliance.V1.ListFindingsRequest { PageSize = 100 }),
            l => l.Findings.Count >= 10, TimeSpan.FromSeconds(30), "ten findings");
        Assert.Equal(10, listed.Findings.Count);
        Assert.Equal(2, listed.Findings.Count(f => f.Code == "DISCLOSURE_DATE_UNKNOWN"));
    }

    [Fact]
    public async Task StartAsync_FirstStart_AdministratorKeyPrintedOnceAndKeptOwnerOnly()
    {
        await using var folder = Oversight.Testing.TempFolder.Create("oversight-platform-");
        var data = folder.Path;
        string[] args = ["--Ingestion:Endpoint:Port=0", "--Metrics:Endpoint:Port=0", "--Compliance:Endpoint:Port=0", $"--Platform:DataDirectory={data}"];
        using var firstOutput = new StringWriter();
        using var secondOutput = new StringWriter();
        string key;
        await using (var first = await PlatformHost.StartAsync(args))
        {
            first.PrintWelcome(firstOutput);
            key = Assert.IsType<string>(first.NewAdminKey);
        }
        await using var second = await PlatformHost.StartAsync(args);
        second.PrintWelcome(secondOutput);

        Assert.Contains(key, firstOutput.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(key, secondOutput.ToString(), StringComparison.Ordinal);
        Assert.Null(second.NewAdminKey);
        Assert.Equal(key, Oversight.Access.KeyFiles.Read(Path.Combine(data, "admin.key")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "admin.key")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "service.key")));
        }
        // The key from the first start still works after the restart; no key does not.
        using var channel = AdminChannel(second, "compliance");
        Assert.NotNull(await new ComplianceService.ComplianceServiceClient(channel)
            .ListRulePacksAsync(new Oversight.Contracts.Compliance.V1.ListRulePacksRequest()));
        using var anonymous = GrpcChannel.ForAddress(second.Addresses["compliance"]);
        var ex = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
            await new ComplianceService.ComplianceServiceClient(anonymous).ListRulePacksAsync(new Oversight.Contracts.Compliance.V1.ListRulePacksRequest()));
        Assert.Equal(Grpc.Core.StatusCode.Unauthenticated, ex.StatusCode);
    }

    [Fact]
    public async Task StartAsync_AdministratorKeyFileGone_StartsAndSaysSo()
    {
        await using var folder = Oversight.Testing.TempFolder.Create("oversight-platform-");
        var data = folder.Path;
        string[] args = ["--Ingestion:Endpoint:Port=0", "--Metrics:Endpoint:Port=0", "--Compliance:Endpoint:Port=0", $"--Platform:DataDirectory={data}",
            $"--Platform:Samples={Path.Combine(Oversight.Testing.RepositoryPaths.Root, "samples", "reports")}"];
        await using (await PlatformHost.StartAsync(args))
        {
        }
        File.Delete(Path.Combine(data, "admin.key"));
        using var output = new StringWriter();

        await using var second = await PlatformHost.StartAsync(args);
        second.PrintWelcome(output);

        Assert.Empty(second.Samples);
        Assert.Null(second.NewAdminKey);
        Assert.Contains("没有找到管理员密钥", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_OpenAccessOnANetworkAddress_Refused()
    {
        using var data = Oversight.Testing.TempFolder.Create("oversight-platform-");
        var ex = await Assert.ThrowsAsync<Oversight.ServiceDefaults.Errors.StartupRefusedException>(() => PlatformHost.StartAsync(
            ["--Ingestion:Endpoint:Port=0", "--Ingestion:Endpoint:Address=0.0.0.0", "--Metrics:Endpoint:Port=0", "--Compliance:Endpoint:Port=0",
                "--Access:Open=true",
             $"--Platform:DataDirectory={data.Path}"]));

        Assert.StartsWith("拒绝启动", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0.0.0.0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_FirstStartWithSamples_IngestsChecksAndTablesThemOnce()
    {
        await using var folder = Oversight.Testing.TempFolder.Create("oversight-platform-");
        var data = folder.Path;
        string[] args = ["--Ingestion:Endpoint:Port=0", "--Metrics:Endpoint:Port=0", "--Compliance:Endpoint:Port=0", $"--Platform:DataDirectory={data}",
            $"--Platform:Samples={Path.Combine(Oversight.Testing.RepositoryPaths.Root, "samples", "reports")}"];
        using var output = new StringWriter();
        await using (var first = await PlatformHost.StartAsync(args))
        {
            first.PrintWelcome(output);

            Assert.Equal(5, first.Samples.Count);
            var hunyuan = Assert.Single(first.Samples, s => s.Jurisdiction.Contains("140225", StringComparison.Ordinal));
            Assert.Equal((2025, "2026-02-10", 0, 1, 0), (hunyuan.Year, hunyuan.PublishedAt, hunyuan.Errors, hunyuan.Warnings, hunyuan.Infos));
            var pulan = Assert.Single(first.Samples, s => s.Jurisdiction.Contains("542521", StringComparison.Ordinal));
            Assert.Equal((1, 2, 1), (pulan.Errors, pulan.Warnings, pulan.Infos));
        }
        await using var second = await PlatformHost.StartAsync(args);

        Assert.Contains("浑源县", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(second.Samples);
    }

    /// <summary>
    /// The three hosts on TLS endpoints with certificates of a private authority, trusted through
    /// Access:ServerCertificateAuthorityPath: the platform starts (the sample loader and the hosts' calls to each other trust
    /// that authority, ingestion's configured port included), and a client trusting it reaches each host over https.
    /// </summary>
    [Fact]
    public async Task StartAsync_TlsWithPrivateAuthority_SamplesLoadedAndHostsServeHttps()
    {
        using var certificates = Oversight.Testing.TestCertificates.Create();
        await using var folder = Oversight.Testing.TempFolder.Create("oversight-platform-");
        var ingestionPort = Oversight.Testing.FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] args =
        [
            $"--Ingestion:Endpoint:Port={ingestionPort}", "--Metrics:Endpoint:Port=0", "--Compliance:Endpoint:Port=0",
            .. new[] { "Ingestion", "Metrics", "Compliance" }.Select(s => $"--{s}:Endpoint:CertificatePath={certificates.ServerPfx}"),
            $"--Access:ServerCertificateAuthorityPath={certificates.AuthorityPem}", "--Console:Enabled=false",
            $"--Platform:DataDirectory={folder.Path}",
            $"--Platform:Samples={Path.Combine(Oversight.Testing.RepositoryPaths.Root, "samples", "reports")}",
        ];

        await using var platform = await PlatformHost.StartAsync(args);
        var key = Oversight.Access.KeyFiles.Read(platform.AdminKeyFile);
        var trusting = new ClientTransport(ServerCertificateValidation: CertificateTrust.ServerValidation(certificates.Authorities));
        using var ingestion = ServiceChannel.For(platform.Addresses["ingestion"], () => key, trusting);
        var listed = await new IngestionService.IngestionServiceClient(ingestion).ListReportsAsync(new ListReportsRequest { PageSize = 10 });

        Assert.Equal(5, platform.Samples.Count);
        Assert.All(platform.Samples, s => Assert.Equal("", s.Rejected));
        Assert.Equal(1, platform.Samples.Single(s => s.Jurisdiction.Contains("140225", StringComparison.Ordinal)).Warnings);
        Assert.All(platform.Addresses.Values, a => Assert.Equal("https", a.Scheme));
        Assert.Equal(ingestionPort, platform.Addresses["ingestion"].Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(5, listed.Reports.Count);
    }

    internal static ServiceChannel AdminChannel(PlatformHost platform, string service)
    {
        var key = Oversight.Access.KeyFiles.Read(platform.AdminKeyFile);
        return ServiceChannel.For(platform.Addresses[service], () => key);
    }
}
