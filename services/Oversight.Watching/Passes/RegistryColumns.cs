using Oversight.Contracts.Compliance.V1;
using Oversight.Watching.Discovery;

namespace Oversight.Watching.Passes;

/// <summary>The portal columns of the registry's bodies under a prefix, read from compliance a page at a time.</summary>
public sealed class RegistryColumns(ComplianceService.ComplianceServiceClient compliance)
{
    public async Task<IReadOnlyList<WatchedColumn>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var columns = new List<WatchedColumn>();
        var token = "";
        do
        {
            var page = await compliance.ListRegistryAsync(new ListRegistryRequest { CodePrefix = prefix, PageSize = 500, PageToken = token },
                cancellationToken: cancellationToken);
            foreach (var body in page.Bodies)
            {
                columns.AddRange(body.PortalColumns
                    .Where(c => Uri.TryCreate(c.Url, UriKind.Absolute, out _))
                    .Select(c => new WatchedColumn(body.Code, body.Name, c.ReportType, new Uri(c.Url))));
            }
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return columns;
    }
}
