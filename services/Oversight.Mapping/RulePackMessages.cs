using RulePack = Oversight.Analysis.Rules.RulePack;
using RulePackMessage = Oversight.Contracts.Compliance.V1.RulePack;

namespace Oversight.Mapping;

/// <summary>Rule packs as the contract's messages and back (without who stored a version and when, which compliance adds).</summary>
public static class RulePackMessages
{
    public static RulePackMessage ToMessage(RulePack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var message = new RulePackMessage
        {
            PackId = pack.PackId, Version = pack.Version, Name = pack.Name, Description = pack.Description, ScopePrefix = pack.ScopePrefix,
            YearFrom = pack.YearFrom, YearTo = pack.YearTo, ShortfallsWithoutCausesSeverity = pack.ShortfallsWithoutCausesSeverity,
            Thresholds = pack.Thresholds is { } t
                ? new Contracts.Compliance.V1.Thresholds { MinFigures = t.MinFigures, LowQuantitativeSeverity = t.LowQuantitativeSeverity }
                : null,
        };
        message.Sections.AddRange(pack.Sections.Select(s => new Contracts.Compliance.V1.SectionRule
        {
            Kind = s.Kind, MissingSeverity = s.MissingSeverity, NotDedicatedSeverity = s.NotDedicatedSeverity,
        }));
        message.Deadlines.AddRange(pack.Deadlines.Select(d => new Contracts.Compliance.V1.DeadlineRule
        {
            Deadline = d.Deadline, BodyKind = d.BodyKind, YearOffset = d.YearOffset, Month = d.Month, Day = d.Day, Severity = d.Severity,
        }));
        if (pack.TaskAreas is { } areas)
        {
            message.TaskAreas = new Contracts.Compliance.V1.TaskAreaRule { MissingSeverity = areas.MissingSeverity };
            message.TaskAreas.Required.AddRange(areas.Required);
        }
        if (pack.TextReuse is { } reuse)
        {
            message.TextReuse = new Contracts.Compliance.V1.TextReuseRule
            {
                OtherBodyShare = reuse.OtherBodyShare, LastYearShare = reuse.LastYearShare, MinPassages = reuse.MinPassages, Severity = reuse.Severity,
            };
        }
        message.ReportType = pack.Type;
        return message;
    }

    public static RulePack FromMessage(RulePackMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(
            message.PackId, message.Version, message.Name, message.Description, message.ScopePrefix, message.YearFrom, message.YearTo,
            [.. message.Sections.Select(s => new Analysis.Rules.SectionRule(s.Kind, s.MissingSeverity, s.NotDedicatedSeverity))],
            message.ShortfallsWithoutCausesSeverity,
            [.. message.Deadlines.Select(d => new Analysis.Rules.DeadlineRule(d.Deadline, d.BodyKind, d.YearOffset, d.Month, d.Day, d.Severity))],
            message.Thresholds is { } t ? new Analysis.Rules.Thresholds(t.MinFigures, t.LowQuantitativeSeverity) : null,
            message.TaskAreas is { } a ? new Analysis.Rules.TaskAreaRule([.. a.Required], a.MissingSeverity) : null,
            message.TextReuse is { } r ? new Analysis.Rules.TextReuseRule(r.OtherBodyShare, r.LastYearShare, r.MinPassages, r.Severity) : null,
            message.ReportType);
    }
}
