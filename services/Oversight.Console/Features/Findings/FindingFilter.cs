using Oversight.WebConsole.Session;
using Oversight.Contracts.Compliance.V1;

namespace Oversight.WebConsole.Features.Findings;

/// <summary>The findings list's filters as the address carries them, and the request they make.</summary>
public sealed record FindingFilter(ScopeQuery Scope, string Code, string Severity, string Status, string ReportId)
{
    public static (FindingFilter? Filter, string? Error, bool OutOfScope) Read(HttpContext context, ConsoleUser user)
    {
        var (scope, error, outOfScope) = ScopeQuery.Read(context, user);
        if (scope is null)
        {
            return (null, error, outOfScope);
        }
        var q = context.Request.Query;
        return (new FindingFilter(scope, q["code"].ToString(), q["severity"].ToString(), q["status"].ToString(), q["report"].ToString()), null, false);
    }

    public ListFindingsRequest Request(int pageSize, string pageToken) => new()
    {
        JurisdictionPrefix = Scope.Scope, ReportYear = Scope.Year, ReportType = Scope.Type, Code = Code, Severity = Severity, Status = Status,
        ReportId = ReportId, PageSize = pageSize, PageToken = pageToken,
    };

    public (string, string?)[] Query() =>
    [
        ("scope", Scope.Scope), ("year", Scope.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("type", Scope.Type),
        ("code", Code), ("severity", Severity), ("status", Status), ("report", ReportId),
    ];
}
