using System.Text;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Oversight.Compliance.Storage;
using Oversight.Contracts.Compliance.V1;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.Testing;

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
            await call.RequestStream.WriteAsync(new ImportRegistryRequest
            {
                CsvChunk = ByteString.CopyFrom(bytes, i, Math.Min(chunkSize, bytes.Length - i)),
                DryRun = dryRun && i == 0
            });
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
    public async Task ImportRegistry_PortalColumns_StoredListedAndKeptByAFileWithoutThem()
    {
        await using var stack = await ComplianceStack.StartAsync();
        const string Disclosure = "information_disclosure=https://www.hunyuan.gov.cn/xxgk/ndbg/index.html";
        const string WithColumns = $"""
            code,name,level,parent_code,kind,must_report,portal_columns
            140225-sfj,浑源县司法局,department,140225,department,true,https://www.hunyuan.gov.cn/zwgk/fzzfjsndbg/index.html {Disclosure}
            140225-fgj,浑源县发展和改革局,department,140225,department,true,
            140225-ab,浑源县教育局,department,140225,department,true,annual=https://www.hunyuan.gov.cn/a/
            140225-cd,浑源县文旅局,department,140225,department,true,ftp://www.hunyuan.gov.cn/a/
            """;

        var first = await ImportAsync(stack, WithColumns, 4096);
        var renamed = await ImportAsync(stack, Csv.Replace("浑源县司法局", "浑源县司法局(更名)", StringComparison.Ordinal), 4096);
        var listed = await stack.Compliance.ListRegistryAsync(new ListRegistryRequest { CodePrefix = "140225" });

        Assert.Equal([(4L, "PORTAL_COLUMN_INVALID"), (5L, "PORTAL_COLUMN_INVALID")], first.Errors.Select(e => (e.Line, e.Reason)));
        Assert.Equal(2L, first.Inserted);
        Assert.Equal(1L, renamed.Updated);
        var body = listed.Bodies.Single(b => b.Code == "140225-sfj");
        Assert.Equal("浑源县司法局(更名)", body.Name);
        Assert.Empty(listed.Bodies.Single(b => b.Code == "140225-fgj").PortalColumns);
        Assert.Equal(
            [("rule_of_law", "https://www.hunyuan.gov.cn/zwgk/fzzfjsndbg/index.html"), ("information_disclosure",
                "https://www.hunyuan.gov.cn/xxgk/ndbg/index.html")],
            body.PortalColumns.Select(c => (c.ReportType, c.Url)));
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

    // Sends chunks until the service ends the call, then returns how it ended.
    private static async Task<RpcException> RefusedAsync(ComplianceStack stack, IEnumerable<byte[]> chunks)
    {
        using var call = stack.Compliance.ImportRegistry();
        try
        {
            foreach (var chunk in chunks)
            {
                await call.RequestStream.WriteAsync(new ImportRegistryRequest { CsvChunk = ByteString.CopyFrom(chunk) });
            }
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or IOException)
        {
            // The service ended the call while we were still sending: its status says why.
        }
        return await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
    }

    private static Task<IReadOnlyList<AuditRow>> ImportAuditAsync(ComplianceStack stack) =>
        stack.Services.GetRequiredService<AuditStore>().ListAsync("", "registry.import", 0, 10, CancellationToken.None).AsTask();

    [Fact]
    public async Task ImportRegistry_LineWithoutALineBreak_RefusedBeforeItIsBufferedAndAudited()
    {
        await using var stack = await ComplianceStack.StartAsync();
        // The attack sent 1 GB without a newline and the service held all of it (6.3 GB resident); 64 MB shows the same.
        var chunk = Encoding.UTF8.GetBytes(new string('a', 1 << 20));

        var refused = await RefusedAsync(stack, Enumerable.Repeat(chunk, 64));
        var audit = await ImportAuditAsync(stack);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal("CSV_LINE_TOO_LONG", ServiceError.ReasonOf(refused));
        Assert.Contains("4096 字节", refused.Status.Detail, StringComparison.Ordinal);
        var entry = Assert.Single(audit);
        Assert.Equal(("failed", "127.0.0.1"), (entry.Outcome, entry.Address));
        Assert.StartsWith("rows 0, inserted 0", entry.Detail, StringComparison.Ordinal);
        Assert.EndsWith("ended by CSV_LINE_TOO_LONG", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportRegistry_MoreLinesThanTheLimit_ResourceExhaustedWhatWasStoredAuditedAsPartial()
    {
        await using var stack = await ComplianceStack.StartAsync(settings: new Dictionary<string, string?> { ["Compliance:Registry:MaxLines"] = "2500" });
        var rows = Enumerable.Range(0, 3000).Select(i => $"140225-d{i:D4},浑源县第{i}局,department,140225,department,true");
        var csv = Encoding.UTF8.GetBytes("code,name,level,parent_code,kind,must_report\n" + string.Join('\n', rows) + "\n");

        var refused = await RefusedAsync(stack, csv.Chunk(16 * 1024));
        var audit = await ImportAuditAsync(stack);
        var stored = await stack.Compliance.ListRegistryAsync(new ListRegistryRequest { CodePrefix = "140225", PageSize = 500 });

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Equal("CSV_TOO_MANY_LINES", ServiceError.ReasonOf(refused));
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", refused.Status.Detail);
        // The first batch of rows (stored every 2,000) stays: the entry says the import is partial and how much it stored.
        var entry = Assert.Single(audit);
        Assert.Equal(("partial", "127.0.0.1"), (entry.Outcome, entry.Address));
        Assert.Matches(@"^rows \d+, inserted [1-9]\d*, .*, ended by CSV_TOO_MANY_LINES$", entry.Detail);
        Assert.NotEmpty(stored.Bodies);
    }

    [Fact]
    public async Task ImportRegistry_CancelledMidStream_StoredRowsAuditedAsPartialWithTheAddress()
    {
        await using var stack = await ComplianceStack.StartAsync();
        var rows = Enumerable.Range(0, 2500).Select(i => $"140225-d{i:D4},浑源县第{i}局,department,140225,department,true");
        var csv = Encoding.UTF8.GetBytes("code,name,level,parent_code,kind,must_report\n" + string.Join('\n', rows) + "\n");
        using var cancel = new CancellationTokenSource();
        using var call = stack.Compliance.ImportRegistry(cancellationToken: cancel.Token);

        // One chunk of 2,500 rows: the service stores them (a batch) and waits for more, which never comes.
        await call.RequestStream.WriteAsync(new ImportRegistryRequest { CsvChunk = ByteString.CopyFrom(csv) });
        await Eventually.UntilAsync(async () => (await stack.Compliance.ListRegistryAsync(new ListRegistryRequest
        {
            CodePrefix = "140225",
            PageSize = 1
        })).Bodies.Count > 0,
            TimeSpan.FromSeconds(30), "the first batch stored");
        await cancel.CancelAsync();
        await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        IReadOnlyList<AuditRow> audit = [];
        await Eventually.UntilAsync(async () => (audit = await ImportAuditAsync(stack)).Count > 0, TimeSpan.FromSeconds(30),
            "an audit entry for the cancelled import");

        var entry = Assert.Single(audit);
        Assert.Equal(("registry.import", "registry"), (entry.Action, entry.Target));
        Assert.Equal(("partial", "127.0.0.1"), (entry.Outcome, entry.Address));
        Assert.Equal("rows 2500, inserted 2500, updated 0, unchanged 0, errors 0, ended by CANCELLED", entry.Detail);
    }

    [Fact]
    public async Task ImportRegistry_ManyBadRows_FirstThousandListedTheRestCounted()
    {
        await using var stack = await ComplianceStack.StartAsync();
        var csv = "code,name,level,parent_code,kind,must_report\n" + string.Concat(Enumerable.Repeat("bad,x,county,,government,true\n", 1500));

        var response = await ImportAsync(stack, csv, 64 * 1024);
        var entry = Assert.Single(await ImportAuditAsync(stack));

        Assert.Equal(1500, response.RowsRead);
        Assert.Equal(1001, response.Errors.Count);
        Assert.All(response.Errors.Take(1000), e => Assert.Equal("CODE_INVALID", e.Reason));
        Assert.Equal((1002L, "CSV_TOO_MANY_ERRORS"), (response.Errors[1000].Line, response.Errors[1000].Reason));
        Assert.Contains("另有 500 行", response.Errors[1000].Message, StringComparison.Ordinal);
        Assert.EndsWith("errors 1500", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportRegistry_Completed_AuditedWithOutcomeAndAddress()
    {
        await using var stack = await ComplianceStack.StartAsync();

        await ImportAsync(stack, Csv, 4096);
        var entry = Assert.Single(await ImportAuditAsync(stack));

        Assert.Equal(("ok", "127.0.0.1"), (entry.Outcome, entry.Address));
        Assert.Equal("rows 9, inserted 3, updated 0, unchanged 0, errors 6", entry.Detail);
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
        var counties = await stack.Compliance.ListRegistryAsync(new ListRegistryRequest
        {
            CodePrefix = "1402", Level = "county", MustReportOnly = true,
            PageSize = 500
        });

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

        var ex = await Assert.ThrowsAsync<RpcException>(() => stack.Compliance.ListRegistryAsync(new ListRegistryRequest
        {
            CodePrefix = prefix, Level = level,
            Kind = kind, PageSize = pageSize
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(mentioned, ex.Status.Detail, StringComparison.Ordinal);
    }
}
