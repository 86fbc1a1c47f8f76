using Oversight.Analysis.Rules;
using Oversight.WebConsole.Html;
using Oversight.WebConsole.Services;
using Oversight.Contracts.Compliance.V1;

namespace Oversight.WebConsole.Features.Notice;

/// <summary>The rows a notice (通报) is made from: bodies without a report and reports published late, as compliance lists them.</summary>
public static class NoticeList
{
    public static IReadOnlyList<string> Columns { get; } = ["类别", "辖区代码", "辖区名称", "年度", "问题代码", "级别", "状态", "说明", "报告编号", "问题编号"];

    public static object[] Row(Finding f) =>
    [
        Labels.FindingCodes.GetValueOrDefault(f.Code, f.Code), f.JurisdictionCode,
        f.JurisdictionName.Length > 0 ? f.JurisdictionName : ScopeQuery.NameOf(f.JurisdictionCode), f.ReportYear, f.Code,
        Labels.Severity(f.Severity), Labels.Status(f.Status), f.Message, f.ReportId, f.FindingId,
    ];

    /// <summary>Every page of a findings list (an export: a province's notice is at most its registry's bodies and late reports).</summary>
    public static async Task<List<Finding>> AllAsync(ConsoleClients clients, ListFindingsRequest request, CancellationToken cancellationToken)
    {
        var all = new List<Finding>();
        do
        {
            var page = await clients.Compliance.ListFindingsAsync(request, cancellationToken: cancellationToken);
            all.AddRange(page.Findings);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        return all;
    }

    public static ListFindingsRequest Request(ScopeQuery query, string code, int pageSize, string pageToken) => new()
    {
        JurisdictionPrefix = query.Scope, ReportYear = query.Year, ReportType = query.Type, Code = code, Status = FindingStatus.Open,
        PageSize = pageSize, PageToken = pageToken,
    };
}
