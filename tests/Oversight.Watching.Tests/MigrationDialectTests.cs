using Oversight.Testing;

namespace Oversight.Watching.Tests;

public sealed class MigrationDialectTests : MigrationDialectSuite
{
    protected override System.Reflection.Assembly Assembly => typeof(Extensions).Assembly;
}
