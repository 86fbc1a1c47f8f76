using Oversight.Testing;

namespace Oversight.Ingestion.Tests;

public sealed class MigrationDialectTests : MigrationDialectSuite
{
    protected override System.Reflection.Assembly Assembly => typeof(Extensions).Assembly;
}
