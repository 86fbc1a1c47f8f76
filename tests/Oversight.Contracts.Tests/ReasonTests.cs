using System.Reflection;
using System.Text.RegularExpressions;
using Grpc.Core;
using Oversight.Analysis.Rules;
using Oversight.Vocabulary;

namespace Oversight.Contracts.Tests;

/// <summary>
/// The reason codes (<see cref="Reasons"/>) and the contracts' comments under protos/ hold each other: a code a service
/// refuses with is documented at the RPC or field it concerns, and a reason the comments name is one a service uses.
/// </summary>
public partial class ReasonTests
{
    private static readonly string Root = FindRoot();

    private static IReadOnlyList<FieldInfo> Constants { get; } =
        [.. typeof(Reasons).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral)];

    private static IReadOnlyList<string> Codes { get; } = [.. Constants.Select(f => (string)f.GetRawConstantValue()!)];

    private static IReadOnlyList<string> ProtoFiles { get; } =
        [.. Directory.EnumerateFiles(Path.Combine(Root, "protos"), "*.proto", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    /// <summary>The text of every comment in the contracts.</summary>
    private static IReadOnlyList<string> Comments { get; } =
        [.. ProtoFiles.SelectMany(File.ReadLines).Select(l => l.IndexOf("//", StringComparison.Ordinal) is var at and >= 0 ? l[(at + 2)..] : null)
            .OfType<string>()];

    [Fact]
    public void Reasons_Values_AreDistinctUpperSnakeNamedAfterTheirConstant()
    {
        Assert.NotEmpty(Codes);
        Assert.Equal(Codes.Count, Codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(Constants, f =>
        {
            var code = (string)f.GetRawConstantValue()!;
            Assert.Matches(UpperSnake(), code);
            Assert.Equal(f.Name, string.Concat(code.Split('_').Select(w => w[0] + w[1..].ToLowerInvariant())));
        });
    }

    [Fact]
    public void Reasons_EveryCode_IsDocumentedInTheContractsComments()
    {
        var documented = Comments.SelectMany(c => UpperSnake().Matches(c)).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

        var undocumented = Codes.Where(c => !documented.Contains(c)).ToList();

        Assert.Empty(undocumented);
    }

    [Fact]
    public void Reasons_EveryConstant_HasADocComment()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "services", "Oversight.Vocabulary", "Reasons.cs"));
        var undocumented = lines.Select((line, i) => (line, i))
            .Where(x => x.line.TrimStart().StartsWith("public const string ", StringComparison.Ordinal))
            .Where(x => x.i == 0 || !lines[x.i - 1].TrimStart().StartsWith("///", StringComparison.Ordinal))
            .Select(x => x.line.Trim())
            .ToList();

        Assert.Empty(undocumented);
        Assert.Equal(Codes.Count, lines.Count(l => l.TrimStart().StartsWith("public const string ", StringComparison.Ordinal)));
    }

    [Fact]
    public void ContractsComments_EveryUpperSnakeWord_IsAReasonOrAnotherKnownWord()
    {
        // Not reasons: gRPC status names, the contracts' own enum values, and finding codes.
        var statuses = Enum.GetNames<StatusCode>().Select(n => CamelToSnake().Replace(n, "$1_$2").ToUpperInvariant());
        var enumValues = ProtoFiles.SelectMany(File.ReadLines).Select(l => EnumValue().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value);
        var known = Codes.Concat(statuses).Concat(enumValues).Concat(RuleVocabulary.FindingCodes).ToHashSet(StringComparer.Ordinal);

        var unknown = Comments.SelectMany(c => UpperSnake().Matches(c)).Select(m => m.Value).Where(w => !known.Contains(w)).Distinct().ToList();

        Assert.Empty(unknown);
    }

    [GeneratedRegex(@"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")]
    private static partial Regex UpperSnake();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex CamelToSnake();

    [GeneratedRegex(@"^\s*([A-Z][A-Z0-9_]*)\s*=\s*\d+\s*;")]
    private static partial Regex EnumValue();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Oversight.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Oversight.sln not found above " + AppContext.BaseDirectory);
    }
}
