using Google.Protobuf.Reflection;
using Oversight.Access;
using Oversight.Analysis.Metadata;
using Oversight.Compliance.Storage;
using Oversight.Contracts.Compliance.V1;
using Oversight.ServiceDefaults.Paging;

using Oversight.ServiceDefaults.Errors;

namespace Oversight.Compliance.Registry;

/// <summary>ListRegistry: the bodies inside the caller's scope, in pages by code.</summary>
public sealed class RegistryQueries(RegistryStore registry, PageTokens pageTokens)
{
    public async Task<ListRegistryResponse> ListAsync(ListRegistryRequest request, Caller caller, CancellationToken cancellationToken)
    {
        Guard.Filter(Fields.Of<ListRegistryRequest>(ListRegistryRequest.CodePrefixFieldNumber), ScopeRules.PrefixError, request.CodePrefix);
        Guard.Filter(Fields.Of<ListRegistryRequest>(ListRegistryRequest.LevelFieldNumber), ScopeRules.LevelError, request.Level);
        Guard.Filter(Fields.Of<ListRegistryRequest>(ListRegistryRequest.KindFieldNumber), request.Kind is "" or "government" or "department"
            ? null : $"kind '{request.Kind}' 无效:可选 government、department,或留空表示全部");
        var pageSize = PageTokens.PageSize(ListRegistryRequest.Descriptor, request.PageSize);
        if (caller.Narrow(request.CodePrefix) is not { } prefix)
        {
            return new ListRegistryResponse();
        }
        var page = await pageTokens.PageAsync(request, request.PageToken, pageSize, caller.KeyId,
            (afterCode, limit) => registry.ListAsync(prefix, request.Level, request.Kind, request.MustReportOnly, afterCode, limit, cancellationToken).AsTask(),
            b => b.Code);
        var response = new ListRegistryResponse { NextPageToken = page.NextPageToken };
        response.Bodies.AddRange(page.Rows.Select(b => new Body
        {
            Code = b.Code, Name = b.Name, Level = b.Level, ParentCode = b.ParentCode, Kind = b.Kind, MustReport = b.MustReport,
            PortalColumns = { PortalColumns.Parse(b.PortalColumns ?? "").Select(c => new PortalColumn { ReportType = c.ReportType, Url = c.Url }) },
        }));
        return response;
    }
}
