using Oversight.Analysis.Metadata;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Ingestion.Intake;
using Oversight.Ingestion.Storage;
using Oversight.Rpc;
using Oversight.Storage;

namespace Oversight.Ingestion.Grpc;

internal static class ReportFilters
{
    private static readonly HashSet<string> Levels = [JurisdictionLevels.Province, JurisdictionLevels.City, JurisdictionLevels.County, JurisdictionLevels.Township, JurisdictionLevels.Department];

    public static RevisionFilter Validate(ReportFilter? filter)
    {
        filter ??= new ReportFilter();
        if (filter.JurisdictionPrefix.Length > 9 || !filter.JurisdictionPrefix.All(char.IsAsciiDigit))
        {
            throw Invalid("jurisdictionPrefix", $"jurisdiction_prefix '{filter.JurisdictionPrefix}' 无效:请填写行政区划代码的前缀(最多9位数字),如 1402 表示大同市");
        }
        if (filter.ReportYear != 0 && filter.ReportYear is < 2000 or > 2100)
        {
            throw Invalid("reportYear", $"report_year {filter.ReportYear} 无效:请填写 2000–2100,或 0 表示不限");
        }
        if (filter.Level.Length > 0 && !Levels.Contains(filter.Level))
        {
            throw Invalid("level", $"level '{filter.Level}' 无效:可选 {string.Join("、", Levels)}");
        }
        var from = filter.PublishedFrom?.ToDateTimeOffset();
        var before = filter.PublishedBefore?.ToDateTimeOffset();
        if (from is not null && before is not null && from >= before)
        {
            throw Invalid("publishedFrom", "published_from 必须早于 published_before");
        }
        return new RevisionFilter(filter.JurisdictionPrefix, filter.ReportYear, filter.Level, SqlTime.Format(from), SqlTime.Format(before), filter.IncludeSuperseded);
    }

    private static RpcException Invalid(string field, string message) =>
        new IntakeError(StatusCode.InvalidArgument, "FILTER_INVALID", message, field).ToRpcException();
}
