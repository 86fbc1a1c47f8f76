using System.Text;
using Google.Protobuf;
using Oversight.Contracts.Compliance.V1;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;

namespace Oversight.Compliance.Tests;

public sealed class RegistryTests
{
    private const string Csv = """
        code,name,level,parent_code,kind,must_report
        140225-sfj,浑源县司法局,department,140225,department,true
        140225-fgj,浑源县发展和改革局,department,140225,department,是
        140225-x,"浑源县""示范""局",department,140225,department,0
        1402,大同市,city,,government,true
        140225-ab,,department,140225,department,true
        140225-cd,浑源县教育局,village,140225,department,true
        140225-ef,浑源县文旅局,department,140225,agency,true
        140225-gh,浑源县卫健局,department,140225,department,maybe
        140225-ij,浑源县,department
        """;

    private static async Task<ImportRegistryResponse> ImportAsync(ComplianceStack stack, string csv, int chunkSize, bool dryRun = false)
    {
        using var call = stack.Compliance.ImportRegistry();
        var bytes = Encoding.UTF8.GetBytes(csv);
        for (var i = 0; i < bytes.Length; i += chunkSize)
        {
            await call.RequestStream.WriteAsync(new ImportRegistryRequest { CsvChunk = ByteString.CopyFrom(bytes, i, Math.Min(chunkSize, bytes.Length - i)), DryRun = dryRun && i == 0 });
        }
        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }

    [Fact]
    public async Task ImportRegistry_ChunksCutInsideCharacters_GoodRowsStoredBadRowsReportedByLine()
    {
        await using var stack = await ComplianceStack.StartAsync();

        var response = await ImportAsync(stack, Csv, 7);
        var listed = await stack.Compliance.ListRegistryAsync(new ListRegistryRequest { CodePrefix = "140225" });

        Assert.Equal((9L, 3L, 0L, 0L), (response.RowsRead, response.Inserted, response.Updated, response.Unchanged));
        Assert.Equal(
            [(5L, "CODE_INVALID"), (6L, "NAME_MISSING"), (7L, "LEVEL_INVALID"), (8L, "KIND_INVALID"), (9L, "MUST_REPORT_INVALID"), (10L, "CSV_FIELD_COUNT")],
            response.Errors.Select(e => (e.Line, e.Reason)));
        Assert.All(response.Errors, e => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", e.Message));
        Assert.Equal([("140225-fgj", true), ("140225-sfj", true), ("140225-x", false)], listed.Bodies.Select(b => (b.Code, b.MustReport)));
        Assert.Equal("浑源县\"示范\"局", listed.Bodies[2].Name);
    }

    [Fact]
    public async Task ImportRegistry_SameAgainAndChanged_UnchangedAndUpdated()
    {
        await using var stack = await ComplianceStack.StartAsync();
        await ImportAsync(stack, Csv, 4096);

        var again = await ImportAsync(stack, Csv.Replace("浑源县司法局", "浑源县司法局(更名)", StringComparison.Ordinal), 4096);

        Assert.Equal((0L, 1L, 2L), (again.Inserted, again.Updated, again.Unchanged));
    }

    [Fact]
    public async Task ImportRegistry_DryRun_ChecksRowsAndStoresNothing()
    {
        await using var stack = await ComplianceStack.StartAsync();

        var response = await ImportAsync(stack, Csv, 100, dryRun: true);
        var listed = await stack.Compliance.ListRegistryAsync(new ListRegistryRequest());

        Assert.Equal((9L, 0L, 6), (response.RowsRead, response.Inserted, response.Errors.Count));
        Assert.Empty(listed.Bodies);
    }

    [Fact]
    public async Task ImportRegistry_WrongHeader_ReportedOnLineOne()
    {
        await using var stack = await ComplianceStack.StartAsync();

        var response = await ImportAsync(stack, "code;name\n140225;浑源县\n", 4096);

        Assert.Equal("CSV_HEADER_INVALID", response.Errors[0].Reason);
        Assert.Equal(0, response.Inserted);
    }

    [Fact]
    public async Task ListRegistry_Shipped_PagesInCodeOrderWithFilters()
    {
        await using var stack = await ComplianceStack.StartAsync(seedRegistry: true);

        var codes = new List<string>();
        var token = "";
        do
        {
            var page = await stack.Compliance.ListRegistryAsync(new ListRegistryRequest { CodePrefix = "1402", PageSize = 40, PageToken = token });
            codes.AddRange(page.Bodies.Select(b => b.Code));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        var counties = await stack.Compliance.ListRegistryAsync(new ListRegistryRequest { CodePrefix = "1402", Level = "county", MustReportOnly = true, PageSize = 500 });

        Assert.Equal(138, codes.Count); // 11 county-level divisions and 127 townships; the city itself is not county-level
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.Equal(10, counties.Bodies.Count); // 山西大同经济开发区 is not a government
        Assert.DoesNotContain(counties.Bodies, b => b.Code == "140271");
    }

    [Theory]
    [InlineData("14x", "", "", 0, "code_prefix")]
    [InlineData("", "village", "", 0, "level")]
    [InlineData("", "", "agency", 0, "kind")]
    [InlineData("", "", "", 501, "page_size")]
    public async Task ListRegistry_BadFilter_InvalidArgument(string prefix, string level, string kind, int pageSize, string mentioned)
    {
        await using var stack = await ComplianceStack.StartAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => stack.Compliance.ListRegistryAsync(new ListRegistryRequest { CodePrefix = prefix, Level = level, Kind = kind, PageSize = pageSize }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(mentioned, ex.Status.Detail, StringComparison.Ordinal);
    }
}
