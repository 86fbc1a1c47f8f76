namespace Oversight.Console.Tests;

/// <summary>One platform for the browser and the HTTP tests, which run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
