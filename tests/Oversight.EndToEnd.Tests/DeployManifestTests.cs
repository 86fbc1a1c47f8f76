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
                Assert.True(env is not null, $"{Name(deployment)} runs {Replicas(deployment)} replicas without Paging__TokenKey: a page token from one replica fails on the next");
                Assert.False(env.Children.ContainsKey(new YamlScalarNode("value")), $"{Name(deployment)}: Paging__TokenKey written into the manifest instead of read from a Secret");
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
            .ToDictionary(d => ((YamlMappingNode)d["metadata"])["name"].ToString(), d => ((YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)d["spec"])["ports"])[0])["port"].ToString());
        var addresses = documents.SelectMany(Containers)
            .SelectMany(c => c.Children.TryGetValue(new YamlScalarNode("env"), out var env) ? ((YamlSequenceNode)env).Cast<YamlMappingNode>() : [])
            .Where(e => e.Children.ContainsKey(new YamlScalarNode("value")) && e["value"].ToString().StartsWith("http://", StringComparison.Ordinal))
            .Select(e => new Uri(e["value"].ToString()))
            .ToList();

        Assert.Equal(new Dictionary<string, string> { ["oversight-ingestion"] = "5101", ["oversight-metrics"] = "5102", ["oversight-compliance"] = "5103" }, services);
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
