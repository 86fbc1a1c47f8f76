using Oversight.Access;
using Oversight.Analysis.Metadata;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Ingestion.Intake;
using Oversight.Ingestion.Storage;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Ingestion.Grpc;

internal static class ReportFilters
{
    /// <summary>The filter to run, limited to the caller's scope; null when the requested prefix lies outside it (nothing to list).</summary>
    public static RevisionFilter? Validate(ReportFilter? filter, Caller caller)
    {
        filter ??= new ReportFilter();
        Check("jurisdictionPrefix", ScopeRules.PrefixError("jurisdiction_prefix", filter.JurisdictionPrefix));
        Check("reportYear", ScopeRules.YearError("report_year", filter.ReportYear));
        Check("level", ScopeRules.LevelError("level", filter.Level));
        var from = filter.PublishedFrom?.ToDateTimeOffset();
        var before = filter.PublishedBefore?.ToDateTimeOffset();
        if (from is not null && before is not null && from >= before)
        {
            throw Invalid("publishedFrom", "published_from 必须早于 published_before");
        }
        if (caller.Narrow(filter.JurisdictionPrefix) is not { } prefix)
        {
            return null;
        }
        return new RevisionFilter(prefix, filter.ReportYear, filter.Level, from, before, filter.IncludeSuperseded);
    }

    private static void Check(string field, string? error)
    {
        if (error is not null)
        {
            throw Invalid(field, error);
        }
    }

    private static RpcException Invalid(string field, string message) => Guard.Invalid(Reasons.FilterInvalid, field, message);
}
