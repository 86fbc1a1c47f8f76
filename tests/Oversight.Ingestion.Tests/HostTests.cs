using Microsoft.AspNetCore.Builder;
using Oversight.Testing;

namespace Oversight.Ingestion.Tests;

public sealed class HostTests : HostContractTests
{
    protected override string Section => Extensions.Section;

    protected override IReadOnlyList<string> ServiceNames => ["oversight.ingestion.v1.IngestionService"];

    protected override void Add(WebApplicationBuilder builder) => builder.AddIngestion();

    protected override void Map(WebApplication app) => app.MapIngestion();
}
