using Oversight.Analysis;
using Google.Protobuf;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.ServiceDefaults.Clients;

namespace Oversight.Platform;

/// <summary>One sample report as the welcome table shows it.</summary>
public sealed record SampleRow(string File, string Jurisdiction, int Year, string PublishedAt, IReadOnlyList<string> Sections, int Errors, int Warnings,
    int Infos, string Rejected);

/// <summary>
/// On first start (ingestion holds no report yet) ingests the sample reports through the ingest stream, as any
/// caller would, and checks each with compliance so the welcome table can show its findings.
/// </summary>
public static class SampleLoader
{
    /// <param name="key">The administrator's key: the samples are loaded as the local user would load them.</param>
    /// <param name="transport">How the hosts are reached: on TLS endpoints, trusting the configured authority.</param>
    public static async Task<IReadOnlyList<SampleRow>> LoadAsync(Uri ingestion, Uri compliance, string folder, Func<string?> key,
        ClientTransport transport, CancellationToken cancellationToken)
    {
        using var ingestionChannel = ServiceChannel.For(ingestion, key, transport);
        using var complianceChannel = ServiceChannel.For(compliance, key, transport);
        var ingestionClient = new IngestionService.IngestionServiceClient(ingestionChannel);
        var complianceClient = new ComplianceService.ComplianceServiceClient(complianceChannel);
        var existing = await ingestionClient.ListReportsAsync(new ListReportsRequest { PageSize = 1 }, new CallOptions(cancellationToken: cancellationToken));
        if (existing.Reports.Count > 0 || !Directory.Exists(folder))
        {
            return [];
        }

        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".html", StringComparison.OrdinalIgnoreCase)
            || f.EndsWith(".htm", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
        using var call = ingestionClient.IngestReports(new CallOptions(cancellationToken: cancellationToken));
        foreach (var file in files)
        {
            await call.RequestStream.WriteAsync(
                new SubmitReportRequest
                {
                    Content = ByteString.CopyFrom(await File.ReadAllBytesAsync(file, cancellationToken)),
                    ClientReference = Path.GetFileName(file)
                }, cancellationToken);
        }
        await call.RequestStream.CompleteAsync();

        var rows = new List<SampleRow>();
        await foreach (var result in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            if (result.ResultCase != IngestResult.ResultOneofCase.Accepted)
            {
                rows.Add(new SampleRow(result.ClientReference, "", 0, "", [], 0, 0, 0, $"{result.Rejected.Message} ({result.Rejected.Reason})"));
                continue;
            }
            var accepted = result.Accepted;
            var findings = (await complianceClient.CheckReportAsync(new CheckReportRequest { ReportId = accepted.ReportId, Revision = accepted.Revision },
                new CallOptions(cancellationToken: cancellationToken))).Findings;
            var metadata = accepted.Metadata;
            rows.Add(new SampleRow(
                result.ClientReference,
                $"{metadata.JurisdictionName} {metadata.JurisdictionCode}",
                metadata.ReportYear,
                metadata.PublishedAt is { } published
                    ? published.ToDateTimeOffset().ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
                    : "未知",
                accepted.SectionKinds,
                findings.Count(f => f.Severity == "error"),
                findings.Count(f => f.Severity == "warning"),
                findings.Count(f => f.Severity == "info"),
                ""));
        }
        return rows;
    }
}
