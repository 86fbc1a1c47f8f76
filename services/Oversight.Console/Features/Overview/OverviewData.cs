using Oversight.Analysis.Rules;
using Oversight.WebConsole.Services;
using Oversight.WebConsole.Session;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;

namespace Oversight.WebConsole.Features.Overview;

/// <summary>One child jurisdiction's line of the overview.</summary>
public sealed record ChildRow(string Code, string Name)
{
    public long? Expected { get; set; }

    public long Received { get; set; }

    public long NotDisclosed { get; set; }

    public long Errors { get; set; }

    public long Warnings { get; set; }

    public long Infos { get; set; }
}

/// <summary>
/// What the overview shows for a scope and year, each figure as a service answers it: reports received (ingestion's
/// count of current reports of the year and type), open findings by code and severity and by body (compliance's
/// SummarizeFindings), the bodies a sweep found without a report (open NOT_DISCLOSED findings) and, for keys that may
/// read the registry, the bodies expected to report.
/// </summary>
public sealed record OverviewData(
    ScopeQuery Query, long? Expected, long Received, long Late, long DateUnknown, long NotDisclosed,
    IReadOnlyDictionary<string, long> BySeverity, IReadOnlyList<CodeCount> ByCode, IReadOnlyList<ChildRow> Children)
{
    public long OnTime => Math.Max(0, Received - Late - DateUnknown);

    public static async Task<OverviewData> LoadAsync(ConsoleClients clients, ConsoleUser user, ScopeQuery query, CancellationToken cancellationToken)
    {
        var summaryTask = clients.Compliance.SummarizeFindingsAsync(
            new SummarizeFindingsRequest { JurisdictionPrefix = query.Scope, ReportYear = query.Year, ReportType = query.Type },
                cancellationToken: cancellationToken).ResponseAsync;
        var receivedTask = ReceivedAsync(clients, query, cancellationToken);
        var missingTask = NotDisclosedAsync(clients, query, cancellationToken);
        var expectedTask = user.ReadsSweeps ? ExpectedAsync(clients, query, cancellationToken) : Task.FromResult<Dictionary<string, long>?>(null);
        var summary = await summaryTask;
        var received = await receivedTask;
        var missing = await missingTask;
        var expected = await expectedTask;

        var children = new SortedDictionary<string, ChildRow>(StringComparer.Ordinal);
        ChildRow Row(string code) => children.TryGetValue(code, out var row) ? row : children[code] = new ChildRow(code, ScopeQuery.NameOf(code));
        foreach (var (code, count) in received)
        {
            Row(code).Received = count;
        }
        foreach (var (code, count) in missing)
        {
            Row(code).NotDisclosed = count;
        }
        foreach (var (code, count) in expected ?? [])
        {
            Row(code).Expected = count;
        }
        foreach (var body in summary.ByJurisdiction)
        {
            var row = Row(query.ChildOf(body.JurisdictionCode));
            row.Errors += body.Errors;
            row.Warnings += body.Warnings;
            row.Infos += body.Infos;
        }
        if (expected is not null)
        {
            foreach (var row in children.Values)
            {
                row.Expected ??= 0;
            }
        }
        long Code(string code) => summary.ByCode.Where(c => c.Code == code).Sum(c => c.Count);
        var bySeverity = summary.ByCode.GroupBy(c => c.Severity).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        return new OverviewData(query, expected?.Values.Sum(), received.Values.Sum(), Code(RuleVocabulary.DisclosureLate),
            Code(RuleVocabulary.DisclosureDateUnknown), missing.Values.Sum(), bySeverity, [.. summary.ByCode], [.. children.Values]);
    }

    // The current reports of the year in scope counted by ingestion per child and type (CountReports reads the year's rows
    // through an index; streaming the reports' keys walked every year's rows and took seconds for a province).
    private static async Task<Dictionary<string, long>> ReceivedAsync(ConsoleClients clients, ScopeQuery query, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var answer = await clients.Ingestion.CountReportsAsync(new CountReportsRequest
        {
            JurisdictionPrefix = query.Scope, ReportYear = query.Year, GroupLength = query.ChildLength is 2 or 4 or 6 or 9 ? query.ChildLength : 0,
        }, cancellationToken: cancellationToken);
        foreach (var count in answer.Counts.Where(c => c.ReportType == query.Type))
        {
            var child = query.ChildOf(count.JurisdictionPrefix);
            counts[child] = counts.GetValueOrDefault(child) + count.Count;
        }
        return counts;
    }

    private static async Task<Dictionary<string, long>> NotDisclosedAsync(ConsoleClients clients, ScopeQuery query, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var request = new ListFindingsRequest
        {
            JurisdictionPrefix = query.Scope, ReportYear = query.Year, ReportType = query.Type, Code = RuleVocabulary.NotDisclosed,
            Status = FindingStatus.Open, PageSize = 500,
        };
        do
        {
            var page = await clients.Compliance.ListFindingsAsync(request, cancellationToken: cancellationToken);
            foreach (var finding in page.Findings)
            {
                var child = query.ChildOf(finding.JurisdictionCode);
                counts[child] = counts.GetValueOrDefault(child) + 1;
            }
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        return counts;
    }

    private static async Task<Dictionary<string, long>?> ExpectedAsync(ConsoleClients clients, ScopeQuery query, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var request = new ListRegistryRequest { CodePrefix = query.Scope, MustReportOnly = true, PageSize = 500 };
        do
        {
            var page = await clients.Compliance.ListRegistryAsync(request, cancellationToken: cancellationToken);
            foreach (var body in page.Bodies)
            {
                var child = query.ChildOf(body.Code);
                counts[child] = counts.GetValueOrDefault(child) + 1;
            }
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        return counts;
    }
}
