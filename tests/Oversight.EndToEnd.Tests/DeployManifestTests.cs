using System.Reflection;
using Oversight.Compliance;
using Oversight.Ingestion.Intake;
using Oversight.Metrics;
using Grpc.Core;
using Oversight.ServiceDefaults.Hosting;
using Oversight.Storage.Connections;
using Oversight.Testing;
using YamlDotNet.RepresentationModel;

namespace Oversight.EndToEnd.Tests;

/// <summary>
/// No cluster runs here, so the manifests are checked against the code: every configuration key they set
/// exists in the services' options, and ports and addresses agree with one another.
/// </summary>
public class DeployManifestTests
{
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Ingestion"] = typeof(IngestionOptions),
        ["Metrics"] = typeof(MetricsOptions),
        ["Compliance"] = typeof(ComplianceOptions),
        ["Access"] = typeof(Oversight.Access.AccessOptions),
        ["Paging"] = typeof(Oversight.ServiceDefaults.Paging.PagingOptions),
    };

    // Keys every host reads besides its own options (ServiceHostExtensions, StorageFactory).
    private static readonly Dictionary<string, Type> Shared = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Endpoint"] = typeof(GrpcEndpointOptions),
        ["Storage"] = typeof(StorageOptions),
        ["Reflection"] = typeof(bool),
        ["Telemetry"] = typeof(Oversight.ServiceDefaults.Telemetry.TelemetryOptions),
        ["StreamIdleTimeout"] = typeof(TimeSpan),
        ["MaxReceiveMessageSize"] = typeof(int),
        ["ShutdownGrace"] = typeof(TimeSpan),
    };

    private static List<YamlMappingNode> Documents()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(RepositoryPaths.Combine("deploy", "kubernetes", "oversight.yaml"))));
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    private static IEnumerable<YamlMappingNode> Containers(YamlMappingNode document)
    {
        if (!document.Children.TryGetValue(new YamlScalarNode("spec"), out var specNode))
        {
            return []; // a ConfigMap or Secret: no containers
        }
        var spec = (YamlMappingNode)specNode;
        var template = document["kind"].ToString() == "CronJob"
            ? (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)spec["jobTemplate"])["spec"])["template"]
            : spec.Children.TryGetValue(new YamlScalarNode("template"), out var t) ? (YamlMappingNode)t : null;
        return template is null ? [] : ((YamlSequenceNode)((YamlMappingNode)template["spec"])["containers"]).Cast<YamlMappingNode>();
    }

    private static IEnumerable<YamlMappingNode> Env(YamlMappingNode container) =>
        container.Children.TryGetValue(new YamlScalarNode("env"), out var env) ? ((YamlSequenceNode)env).Cast<YamlMappingNode>() : [];

    private static string Name(YamlMappingNode document) => document["metadata"]["name"].ToString();

    private static int Replicas(YamlMappingNode deployment) =>
        ((YamlMappingNode)deployment["spec"]).Children.TryGetValue(new YamlScalarNode("replicas"), out var replicas)
            ? int.Parse(replicas.ToString(), System.Globalization.CultureInfo.InvariantCulture)
            : 1;

    [Fact]
    public void Manifests_EveryDeploymentWithSeveralReplicas_TakesThePageTokenKeyFromOneSecret()
    {
        var deployments = Documents().Where(d => d["kind"].ToString() == "Deployment" && Replicas(d) > 1).ToList();
        var references = new List<(string Secret, string Key)>();

        Assert.NotEmpty(deployments);
        foreach (var deployment in deployments)
        {
            foreach (var container in Containers(deployment))
            {
                var env = Env(container).SingleOrDefault(e => e["name"].ToString() == "Paging__TokenKey");
                Assert.True(env is not null,
                    $"{Name(deployment)} runs {Replicas(deployment)} replicas without Paging__TokenKey: a page token from one replica fails on the next");
                Assert.False(env.Children.ContainsKey(new YamlScalarNode("value")),
                    $"{Name(deployment)}: Paging__TokenKey written into the manifest instead of read from a Secret");
                var secret = (YamlMappingNode)env["valueFrom"]["secretKeyRef"];
                Assert.False(secret.Children.TryGetValue(new YamlScalarNode("optional"), out var optional) && optional.ToString() == "true",
                    $"{Name(deployment)}: an optional key lets a replica start with a key of its own");
                references.Add((secret["name"].ToString(), secret["key"].ToString()));
            }
        }
        Assert.Single(references.Distinct());
    }

    [Fact]
    public void Manifests_StorageProvider_AServerDialectEveryServiceReads()
    {
        var storage = Documents().Single(d => d["kind"].ToString() == "ConfigMap" && d["metadata"]["name"].ToString() == "oversight-storage");
        var providers = Documents().SelectMany(Containers)
            .SelectMany(c => ((YamlSequenceNode)c["env"]).Cast<YamlMappingNode>())
            .Where(e => e["name"].ToString().EndsWith("__Storage__Provider", StringComparison.Ordinal))
            .Select(e => e["valueFrom"]["configMapKeyRef"]["name"].ToString())
            .ToList();

        Assert.Contains(storage["data"]["provider"].ToString(), new[] { StorageOptions.Postgres, StorageOptions.SqlServer });
        Assert.Equal(["oversight-storage", "oversight-storage", "oversight-storage"], providers);
    }

    [Fact]
    public void Manifests_EveryServiceKeySet_ExistsInTheServicesOptions()
    {
        var keys = Documents().SelectMany(Containers)
            .SelectMany(c => c.Children.TryGetValue(new YamlScalarNode("env"), out var env) ? ((YamlSequenceNode)env).Cast<YamlMappingNode>() : [])
            .Select(e => e["name"].ToString())
            .Where(n => n.Contains("__", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            var parts = key.Split("__");
            Assert.True(Sections.TryGetValue(parts[0], out var type), key);
            Assert.True(Resolves(type, parts[1..]), $"{key} names no option of the services");
        }
    }

    [Fact]
    public void Manifests_EachServicePortAndAddress_Agree()
    {
        var documents = Documents();
        var services = documents.Where(d => d["kind"].ToString() == "Service")
            .ToDictionary(d => ((YamlMappingNode)d["metadata"])["name"].ToString(),
                d => ((YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)d["spec"])["ports"])[0])["port"].ToString());
        var addresses = documents.SelectMany(Containers)
            .SelectMany(c => c.Children.TryGetValue(new YamlScalarNode("env"), out var env) ? ((YamlSequenceNode)env).Cast<YamlMappingNode>() : [])
            .Where(e => e.Children.ContainsKey(new YamlScalarNode("value")) && e["value"].ToString().StartsWith("http", StringComparison.Ordinal))
            .Select(e => new Uri(e["value"].ToString()))
            .ToList();

        Assert.Equal(new Dictionary<string, string> { ["oversight-ingestion"] = "5101", ["oversight-metrics"] = "5102", ["oversight-compliance"] = "5103" },
            services);
        Assert.NotEmpty(addresses);
        Assert.All(addresses, a => Assert.Equal(services[a.Host], a.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Manifests_CronJobArguments_AreAValidCommandLine()
    {
        var cron = Documents().Single(d => d["kind"].ToString() == "CronJob");
        var args = ((YamlSequenceNode)Containers(cron).Single()["args"]).Select(a => a.ToString()).ToArray();
        using var output = new StringWriter();
        using var error = new StringWriter();

        // --help stops before any call; a misspelt command or option is still a parse error.
        var exit = await Oversight.Cli.CliApplication.RunAsync([.. args, "--help"], output, error);

        Assert.Equal(0, exit);
        Assert.Equal("", error.ToString());
        Assert.Contains("运行一次巡查", output.ToString(), StringComparison.Ordinal);
    }

    private static IEnumerable<YamlMappingNode> PodSpecs(YamlMappingNode document)
    {
        if (!document.Children.TryGetValue(new YamlScalarNode("spec"), out var specNode))
        {
            return [];
        }
        var spec = (YamlMappingNode)specNode;
        var template = document["kind"].ToString() == "CronJob"
            ? (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)spec["jobTemplate"])["spec"])["template"]
            : spec.Children.TryGetValue(new YamlScalarNode("template"), out var t) ? (YamlMappingNode)t : null;
        return template is null ? [] : [(YamlMappingNode)template["spec"]];
    }

    private static IEnumerable<YamlMappingNode> Workloads() => Documents().Where(d => PodSpecs(d).Any());

    private static YamlNode? Child(YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out node))
            {
                return null;
            }
        }
        return node;
    }

    private static string? Text(YamlNode? node, params string[] path) => Child(node, path) is YamlScalarNode scalar ? scalar.Value : null;

    private static IEnumerable<YamlMappingNode> Sequence(YamlNode? node, params string[] path) =>
        Child(node, path) is YamlSequenceNode sequence ? sequence.Cast<YamlMappingNode>() : [];

    private static Dictionary<string, YamlMappingNode> Volumes(YamlMappingNode podSpec) =>
        Sequence(podSpec, "volumes").ToDictionary(v => v["name"].ToString());

    // Pod level or container level, as Kubernetes merges them (the container's wins).
    private static string? Security(YamlMappingNode podSpec, YamlMappingNode container, params string[] path) =>
        Text(container, ["securityContext", .. path]) ?? Text(podSpec, ["securityContext", .. path]);

    [Fact]
    public void Manifests_EveryPod_NonRootReadOnlyNoEscalationNoCapabilitiesRuntimeDefaultSeccomp()
    {
        var workloads = Workloads().ToList();

        Assert.Equal(4, workloads.Count); // three Deployments and the CronJob
        foreach (var workload in workloads)
        {
            var pod = PodSpecs(workload).Single();
            Assert.Equal("false", Text(pod, "automountServiceAccountToken"));
            foreach (var container in Containers(workload))
            {
                var where = $"{Name(workload)}/{container["name"]}";
                Assert.True(Security(pod, container, "runAsNonRoot") == "true", $"{where}: runAsNonRoot");
                Assert.True(int.Parse(Security(pod, container, "runAsUser") ?? "0", System.Globalization.CultureInfo.InvariantCulture) > 0,
                    $"{where}: runAsUser");
                Assert.True(Text(container, "securityContext", "readOnlyRootFilesystem") == "true", $"{where}: readOnlyRootFilesystem");
                Assert.True(Text(container, "securityContext", "allowPrivilegeEscalation") == "false", $"{where}: allowPrivilegeEscalation");
                Assert.True(Child(container, "securityContext", "capabilities", "drop") is YamlSequenceNode drop && drop.Any(c => c.ToString() == "ALL"),
                    $"{where}: capabilities drop ALL");
                Assert.True(Child(container, "securityContext", "capabilities", "add") is null, $"{where}: adds capabilities");
                Assert.True(Security(pod, container, "seccompProfile", "type") == "RuntimeDefault", $"{where}: seccomp RuntimeDefault");
                // A read-only root filesystem: /tmp (.NET's and SQLite's scratch, Platform__DataDirectory) is an emptyDir.
                var tmp = Sequence(container, "volumeMounts").SingleOrDefault(m => m["mountPath"].ToString() == "/tmp");
                Assert.True(tmp is not null && Child(Volumes(pod)[tmp["name"].ToString()], "emptyDir") is not null, $"{where}: /tmp is an emptyDir");
            }
        }
    }

    [Fact]
    public void Manifests_EveryContainer_RequestsAndLimitsCpuAndMemory()
    {
        foreach (var container in Workloads().SelectMany(Containers))
        {
            foreach (var kind in new[] { "requests", "limits" })
            {
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    Assert.False(string.IsNullOrEmpty(Text(container, "resources", kind, resource)), $"{container["name"]}: resources.{kind}.{resource}");
                }
            }
        }
    }

    [Fact]
    public void Manifests_EveryImage_PinnedToAVersionNeverLatest()
    {
        var images = Workloads().SelectMany(Containers).Select(c => c["image"].ToString()).ToList();
        var bases = File.ReadAllLines(RepositoryPaths.Combine("deploy", "containers", "Dockerfile"))
            .Where(l => l.StartsWith("FROM ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1])
            .ToList();

        Assert.Equal(4, images.Count);
        Assert.Equal(2, bases.Count);
        foreach (var image in images.Concat(bases))
        {
            var name = image[(image.LastIndexOf('/') + 1)..];
            Assert.True(name.Contains(':', StringComparison.Ordinal), $"{image}: no tag (means :latest)");
            Assert.Matches(@"^\d+\.\d+\.\d+$", name[(name.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        }
    }

    [Fact]
    public void Dockerfile_FinalImage_RunsAsANumberedNonRootUser()
    {
        var lines = File.ReadAllLines(RepositoryPaths.Combine("deploy", "containers", "Dockerfile"));
        var final = lines.Skip(Array.FindLastIndex(lines, l => l.StartsWith("FROM ", StringComparison.Ordinal)));
        var user = final.Last(l => l.StartsWith("USER ", StringComparison.Ordinal))["USER ".Length..].Split(':')[0];

        // Numbered, so that runAsNonRoot can check it; 0 is root.
        Assert.True(int.TryParse(user, System.Globalization.CultureInfo.InvariantCulture, out var uid) && uid > 0, $"USER {user}");
    }

    [Fact]
    public void DockerIgnore_KeysDatabasesHistoryAndBuildOutput_LeftOutOfTheContext()
    {
        var path = RepositoryPaths.Combine(".dockerignore");
        Assert.True(File.Exists(path), ".dockerignore at the repository root (the build context)");
        var patterns = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal);

        Assert.Subset(patterns, new HashSet<string>(StringComparer.Ordinal) { ".git", "data/", "**/data/", "**/*.db", "**/*.db-wal", "**/*.db-shm", "**/*.key",
            "**/*.pem", "artifacts/", "**/bin/", "**/obj/" });
    }

    [Fact]
    public void Manifests_BetweenPods_TlsWithCertificatesFromASecretMountedReadOnly()
    {
        var env = Workloads().SelectMany(Containers).SelectMany(Env).ToList();
        var addresses = env.Select(e => Text(e, "value")).Where(v => v is not null && v.Contains("://", StringComparison.Ordinal)).ToList();

        Assert.DoesNotContain(env, e => e["name"].ToString() is "Access__AllowPlaintext" or "OVERSIGHT_ALLOW_PLAINTEXT");
        Assert.NotEmpty(addresses);
        Assert.All(addresses, a => Assert.StartsWith("https://", a, StringComparison.Ordinal));
        foreach (var deployment in Documents().Where(d => d["kind"].ToString() == "Deployment"))
        {
            var pod = PodSpecs(deployment).Single();
            var container = Containers(deployment).Single();
            var section = Env(container).Select(e => e["name"].ToString()).First(n => n.EndsWith("__Storage__Provider", StringComparison.Ordinal))
                .Split("__")[0];
            var values = Env(container).Where(e => Text(e, "value") is not null).ToDictionary(e => e["name"].ToString(), e => Text(e, "value")!);
            foreach (var key in new[] { $"{section}__Endpoint__CertificatePath", $"{section}__Endpoint__CertificateKeyPath",
                "Access__ServerCertificateAuthorityPath" })
            {
                Assert.True(values.TryGetValue(key, out var file), $"{Name(deployment)}: {key}");
                var mount = Sequence(container, "volumeMounts").SingleOrDefault(m => file.StartsWith(m["mountPath"] + "/", StringComparison.Ordinal));
                Assert.True(mount is not null, $"{Name(deployment)}: {file} is on no mounted volume");
                Assert.True(Text(mount, "readOnly") == "true", $"{Name(deployment)}: {mount["mountPath"]} mounted read-only");
                Assert.True(Text(Volumes(pod)[mount["name"].ToString()], "secret", "secretName") is { Length: > 0 },
                    $"{Name(deployment)}: {file} comes from a Secret");
            }
        }
    }

    [Fact]
    public void Manifests_PrometheusPort_OnThePodAddressOnlyAndTheProbesAnswerThere()
    {
        foreach (var deployment in Documents().Where(d => d["kind"].ToString() == "Deployment"))
        {
            var container = Containers(deployment).Single();
            var port = Env(container).Single(e => e["name"].ToString().EndsWith("__Telemetry__PrometheusPort", StringComparison.Ordinal));
            var section = port["name"].ToString().Split("__")[0];
            var address = Env(container).SingleOrDefault(e => e["name"].ToString() == $"{section}__Telemetry__PrometheusAddress");

            Assert.True(address is not null && Text(address, "valueFrom", "fieldRef", "fieldPath") == "status.podIP",
                $"{Name(deployment)}: the scrape port on the pod's address, not every interface");
            foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
            {
                // The kubelet's gRPC probe speaks cleartext only: with TLS the probes ask /healthz on the scrape port.
                Assert.Equal(Oversight.ServiceDefaults.Telemetry.TelemetryExtensions.HealthPath, Text(container, probe, "httpGet", "path"));
                Assert.Equal("metrics", Text(container, probe, "httpGet", "port"));
            }
            Assert.Contains(Sequence(container, "ports"), p => Text(p, "name") == "metrics" && Text(p, "containerPort") == Text(port, "value"));
        }
    }

    [Fact]
    public void Manifests_NetworkPolicies_OnlyTheServicesOnTheGrpcPortsAndTheNamespaceOnTheMetricsPort()
    {
        var documents = Documents();
        var policies = documents.Where(d => d["kind"].ToString() == "NetworkPolicy").ToList();
        var services = documents.Where(d => d["kind"].ToString() == "Deployment").Select(Name).ToHashSet(StringComparer.Ordinal);

        foreach (var deployment in documents.Where(d => d["kind"].ToString() == "Deployment"))
        {
            var labels = ((YamlMappingNode)Child(deployment, "spec", "template", "metadata", "labels")!).Children.ToDictionary(k => k.Key.ToString(),
                k => k.Value.ToString());
            var policy = Assert.Single(policies, p => ((YamlMappingNode)Child(p, "spec", "podSelector", "matchLabels")!).Children.All(k =>
                labels.GetValueOrDefault(k.Key.ToString()) == k.Value.ToString()));
            var container = Containers(deployment).Single();
            var grpc = Text(Sequence(container, "ports").Single(p => Text(p, "name") == "grpc"), "containerPort");
            var metrics = Text(Sequence(container, "ports").Single(p => Text(p, "name") == "metrics"), "containerPort");

            Assert.Contains("Ingress", ((YamlSequenceNode)Child(policy, "spec", "policyTypes")!).Select(t => t.ToString()));
            var rules = Sequence(policy, "spec", "ingress").ToList();
            Assert.NotEmpty(rules);
            foreach (var rule in rules)
            {
                // Every rule names its ports and its peers: no rule lets anyone in on any port.
                var ports = Sequence(rule, "ports").Select(p => Text(p, "port")).ToList();
                var peers = Sequence(rule, "from").ToList();
                Assert.NotEmpty(ports);
                Assert.NotEmpty(peers);
                Assert.All(peers, peer => Assert.Equal(new[] { "podSelector" }, ((YamlMappingNode)peer).Children.Keys.Select(k => k.ToString())));
                Assert.All(ports, port => Assert.Contains(port, new[] { grpc, metrics }));
                if (ports.Contains(grpc))
                {
                    // The services that call it and labelled clients; never every pod.
                    Assert.All(peers, peer =>
                    {
                        var match = ((YamlMappingNode?)Child(peer, "podSelector", "matchLabels"))?.Children.ToDictionary(k => k.Key.ToString(),
                            k => k.Value.ToString()) ?? [];
                        Assert.True(match.Count == 1
                            && ((match.TryGetValue("app", out var app) && services.Contains(app)) || match.GetValueOrDefault("oversight.io/client") == "true"),
                            $"{Name(policy)}: gRPC port open to {string.Join(",", match.Select(m => m.Key + "=" + m.Value))}");
                    });
                }
                else
                {
                    // The metrics port: pods of this namespace (an empty podSelector), nothing from outside it.
                    Assert.Equal(new[] { metrics }, ports);
                }
            }
        }
    }

    [Fact]
    public async Task ManifestSettings_AHostWithTlsAndAScrapeAddress_ServesGrpcOverTlsAndItsProbeOverHttp1()
    {
        // The settings the manifests give a service (a PEM certificate and key, the scrape port on one address), on a
        // real host: gRPC health over TLS, and /healthz on the scrape port for the kubelet, which cannot probe gRPC over TLS.
        await using var folder = TempFolder.Create("oversight-manifest-");
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=oversight-ingestion", key,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        var names = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePath = Path.Combine(folder.Path, "tls.crt");
        var keyPath = Path.Combine(folder.Path, "tls.key");
        await File.WriteAllTextAsync(certificatePath, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());
        var scrape = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var host = await ServiceHosts.StartAsync(Oversight.Ingestion.Extensions.Section, b => Oversight.Ingestion.Extensions.AddIngestion(b),
            a => Oversight.Ingestion.Extensions.MapIngestion(a), folder.Path, new Dictionary<string, string?>
            {
                ["Ingestion:Endpoint:CertificatePath"] = certificatePath,
                ["Ingestion:Endpoint:CertificateKeyPath"] = keyPath,
                ["Ingestion:Telemetry:PrometheusPort"] = scrape,
                ["Ingestion:Telemetry:PrometheusAddress"] = "127.0.0.1",
                ["Ingestion:Reflection"] = "false",
            });
        using var trusting = new SocketsHttpHandler();
        trusting.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
            presented is not null && presented.GetCertHashString() == certificate.GetCertHashString();
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(host.Address, new Grpc.Net.Client.GrpcChannelOptions { HttpHandler = trusting });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        var health = await new Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(new Grpc.Health.V1.HealthCheckRequest());
        var probe = await http.GetAsync(new Uri($"http://127.0.0.1:{scrape}{Oversight.ServiceDefaults.Telemetry.TelemetryExtensions.HealthPath}"));
        var other = await http.GetAsync(new Uri($"http://127.0.0.1:{scrape}/oversight.ingestion.v1.IngestionService/ListReports"));

        Assert.Equal(Uri.UriSchemeHttps, host.Address.Scheme);
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Equal((System.Net.HttpStatusCode.OK, "Healthy"), (probe.StatusCode, await probe.Content.ReadAsStringAsync()));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, other.StatusCode);
    }

    private static bool Resolves(Type type, string[] path)
    {
        if (path.Length == 0)
        {
            return true;
        }
        if (type == typeof(IngestionOptions) || type == typeof(MetricsOptions) || type == typeof(ComplianceOptions))
        {
            if (Shared.TryGetValue(path[0], out var shared))
            {
                return Resolves(shared, path[1..]);
            }
        }
        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is not null && Resolves(property.PropertyType, path[1..]);
    }
}
