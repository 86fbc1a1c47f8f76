using Google.Protobuf.WellKnownTypes;
using Oversight.Analysis.Outline;
using Oversight.Contracts.Ingestion.V1;
using Common = Oversight.Contracts.Common.V1;
using Domain = Oversight.Analysis.Metadata;

namespace Oversight.Mapping;

/// <summary>The reader's results as the contract's messages.</summary>
public static class ReportMessages
{
    /// <param name="sourceUrl">Where the report was published, as the caller said.</param>
    /// <param name="suppliedPublishedAt">The caller's publication time, which wins over the page's; both are kept.</param>
    public static ReportMetadata ToMetadata(Domain.ReportMetadata metadata, string sourceUrl = "", Timestamp? suppliedPublishedAt = null)
    {
        var message = new ReportMetadata
        {
            Title = metadata.Title,
            ReportType = metadata.ReportType,
            Issuer = metadata.Issuer,
            JurisdictionCode = metadata.JurisdictionCode ?? "",
            JurisdictionName = metadata.JurisdictionName,
            JurisdictionResolution = metadata.JurisdictionResolution,
            Level = metadata.Level ?? "",
            LevelBasis = metadata.LevelBasis ?? "",
            ReportYear = metadata.ReportYear ?? 0,
            IndexNumber = metadata.IndexNumber ?? "",
            DocumentNumber = metadata.DocumentNumber ?? "",
            PublishedAtBasis = metadata.PublishedAtBasis ?? "",
            PostedBy = metadata.PostedBy ?? "",
            PublishedAtLabel = metadata.PublishedAtLabel ?? "",
            StatedJurisdictionCode = metadata.StatedJurisdictionCode ?? "",
            SourceUrl = sourceUrl,
        };
        message.JurisdictionCandidates.AddRange(metadata.JurisdictionCandidates);
        message.JurisdictionSignals.AddRange(metadata.JurisdictionSignals.Select(ToSignal));
        message.Addressees.AddRange(metadata.Addressees);
        message.IssuingBodies.AddRange(metadata.IssuingBodies);
        message.HeaderFields.AddRange(metadata.HeaderFields.Select(f => new HeaderField { Name = f.Name, Value = f.Value }));
        if (metadata.DocumentDate is { } date)
        {
            message.DocumentDate = CommonMessages.ToDate(date);
        }
        if (metadata.PublishedAt is { } fromPage)
        {
            message.PublishedAtFromPage = Timestamp.FromDateTimeOffset(fromPage);
        }
        // The caller's publication time wins over the page's; both are kept.
        message.PublishedAtSupplied = suppliedPublishedAt;
        message.PublishedAt = suppliedPublishedAt ?? message.PublishedAtFromPage;
        return message;
    }

    /// <summary>A stored report as the reader's input again, with the code and year ingestion settled on.</summary>
    public static Analysis.ReportInput ToInput(Report report)
    {
        var metadata = report.Metadata ?? new ReportMetadata();
        return new Analysis.ReportInput(
            report.OriginalContent.Memory,
            report.ContentType,
            report.Charset,
            metadata.JurisdictionCode.Length == 0 ? null : metadata.JurisdictionCode,
            metadata.ReportYear == 0 ? null : metadata.ReportYear);
    }

    public static Oversight.Contracts.Ingestion.V1.ReportOutline ToOutline(Analysis.Outline.ReportOutline outline,
        IReadOnlyList<Analysis.Outline.TaskAreaCoverage>? taskAreas = null)
    {
        var message = new Oversight.Contracts.Ingestion.V1.ReportOutline { ShortfallsCausesAnalysed = outline.ShortfallsCausesAnalysed };
        foreach (var area in taskAreas ?? [])
        {
            var coverage = new Oversight.Contracts.Ingestion.V1.TaskAreaCoverage { Id = area.Id, Name = area.Name, Covered = area.Covered };
            coverage.Evidence.AddRange(area.Evidence.Select(ToEvidence));
            message.TaskAreas.Add(coverage);
        }
        message.Sections.AddRange(outline.Sections.Select(ToSection));
        message.Coverage.AddRange(outline.Coverage.Select(c =>
        {
            var coverage = new Oversight.Contracts.Ingestion.V1.KindCoverage { Kind = c.Kind, Status = c.Status };
            coverage.Evidence.AddRange(c.Evidence.Select(ToEvidence));
            return coverage;
        }));
        if (outline.ShortfallsCausesEvidence is { } causes)
        {
            message.ShortfallsCausesEvidence = ToEvidence(causes);
        }
        return message;
    }

    public static Common.Evidence ToEvidence(Evidence evidence) => new()
    {
        SectionPath = evidence.SectionPath,
        Span = CommonMessages.ToSpan(evidence.Span),
        Excerpt = evidence.Excerpt,
        ReportId = evidence.ReportId,
        Revision = evidence.Revision,
    };

    private static JurisdictionSignal ToSignal(Domain.JurisdictionSignal signal)
    {
        var message = new JurisdictionSignal { Source = signal.Source, Organization = signal.Organization, Name = signal.Name, Department = signal.Department };
        message.Codes.AddRange(signal.Codes);
        return message;
    }

    private static Section ToSection(OutlineSection section)
    {
        var message = new Section
        {
            Path = section.Path,
            Number = section.Number,
            Heading = section.Heading,
            Kind = section.Kind,
            Depth = section.Depth,
            HeadingSpan = CommonMessages.ToSpan(section.HeadingSpan),
            Span = CommonMessages.ToSpan(section.Span),
            KindSource = section.KindSource,
            KindConfidence = section.KindConfidence,
            KindReason = section.KindReason,
        };
        message.EmbeddedKinds.AddRange(section.EmbeddedKinds);
        message.Children.AddRange(section.Children.Select(ToSection));
        return message;
    }
}
