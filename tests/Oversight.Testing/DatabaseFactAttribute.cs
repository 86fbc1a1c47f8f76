using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Oversight.Testing;

/// <summary>
/// A fact of a generic storage suite. When the concrete test class needs an environment variable
/// (<see cref="RequiresEnvironmentAttribute"/>) that is not set, the test is reported as skipped, so the CI
/// summary shows how much of the suite did not run.
/// </summary>
[XunitTestCaseDiscoverer("Oversight.Testing.DatabaseFactDiscoverer", "Oversight.Testing")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseFactAttribute : FactAttribute;

/// <summary>Names the environment variable a test class needs, e.g. a SQL Server connection string.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresEnvironmentAttribute(string variable) : Attribute
{
    public string Variable { get; } = variable;
}

public sealed class DatabaseFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var variable = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresEnvironmentAttribute)).FirstOrDefault()?.GetConstructorArguments()
            .FirstOrDefault() as string;
        if (variable is not null && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable)))
        {
            return [new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod,
                $"set {variable} to run this suite against its database")];
        }
        return [new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)];
    }
}
