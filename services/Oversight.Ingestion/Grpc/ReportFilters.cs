using Google.Protobuf.Reflection;
using Oversight.Access;
using Oversight.Analysis.Metadata;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Ingestion.Intake;
using Oversight.Ingestion.Storage;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Ingestion.Grpc;

internal static class ReportFilters
{
    /// <summary>The filter to run, limited to the caller's scope; null when the requested prefix lies outside it (nothing to list).</summary>
    public static RevisionFilter? Validate(ReportFilter? filter, Caller caller)
    {
        filter ??= new ReportFilter();
        Guard.Filter(Fields.Of<ReportFilter>(ReportFilter.JurisdictionPrefixFieldNumber), ScopeRules.PrefixError, filter.JurisdictionPrefix);
        Guard.Filter(Fields.Of<ReportFilter>(ReportFilter.ReportYearFieldNumber), ScopeRules.YearError, filter.ReportYear);
        Guard.Filter(Fields.Of<ReportFilter>(ReportFilter.LevelFieldNumber), ScopeRules.LevelError, filter.Level);
        var from = filter.PublishedFrom?.ToDateTimeOffset();
        var before = filter.PublishedBefore?.ToDateTimeOffset();
        if (from is not null && before is not null && from >= before)
        {
            throw Guard.Invalid(Reasons.FilterInvalid, Fields.Of<ReportFilter>(ReportFilter.PublishedFromFieldNumber), "published_from 必须早于 published_before");
        }
        if (caller.Narrow(filter.JurisdictionPrefix) is not { } prefix)
        {
            return null;
        }
        return new RevisionFilter(prefix, filter.ReportYear, filter.Level, from, before, filter.IncludeSuperseded);
    }
}
