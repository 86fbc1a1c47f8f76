using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Oversight.Compliance.Storage;
using Oversight.Contracts.Compliance.V1;
using Oversight.Mapping;

namespace Oversight.Compliance.Sweeps;

/// <summary>
/// A stored sweep as the contract's message. A sweep has no domain type outside this service (it is a run of the
/// checker over the registry), so its row is the only source and this the only mapping.
/// </summary>
public static class SweepMessages
{
    public static Sweep Of(SweepRow row)
    {
        var asOf = DateOnly.ParseExact(row.AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var sweep = new Sweep
        {
            SweepId = row.SweepId, ReportYear = row.ReportYear, ScopePrefix = row.ScopePrefix,
            AsOf = CommonMessages.ToDate(asOf),
            Trigger = row.TriggerName, Status = row.Status, StartedAt = Timestamp.FromDateTimeOffset(row.StartedAt),
            ScheduleSlot = row.ScheduleSlot, ReportType = row.ReportType,
        };
        if (row.FinishedAt is { } finishedAt)
        {
            sweep.FinishedAt = Timestamp.FromDateTimeOffset(finishedAt);
        }
        if (row.Summary is not null)
        {
            sweep.Summary = JsonParser.Default.Parse<SweepSummary>(row.Summary);
        }
        return sweep;
    }
}
