using Grpc.Core;
using Microsoft.Extensions.Options;
using Oversight.Contracts.Compliance.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.ServiceDefaults.Paging;

namespace Oversight.ServiceDefaults.Tests;

public class PageTokensTests
{
    private readonly PageTokens _tokens = new(Options.Create(new PagingOptions { TokenKey = "test-key" }));

    [Fact]
    public void Read_SameRequestAndCaller_Position()
    {
        var request = new ListFindingsRequest { JurisdictionPrefix = "1402", ReportYear = 2025, PageSize = 10 };
        var token = _tokens.Write(42, request, "key1");

        Assert.Equal(42, _tokens.Read(token, new ListFindingsRequest(request) { PageToken = token }, "key1"));
    }

    [Fact]
    public void Read_OtherPageSize_StillValid()
    {
        var request = new ListFindingsRequest { JurisdictionPrefix = "1402", PageSize = 10 };
        var token = _tokens.Write(7, request, "key1");

        Assert.Equal(7, _tokens.Read(token, new ListFindingsRequest { JurisdictionPrefix = "1402", PageSize = 50, PageToken = token }, "key1"));
    }

    [Fact]
    public void Read_OtherFilter_PageTokenInvalid()
    {
        var token = _tokens.Write(7, new ListFindingsRequest { JurisdictionPrefix = "1402" }, "key1");

        AssertInvalid(() => _tokens.Read(token, new ListFindingsRequest { JurisdictionPrefix = "1403" }, "key1"));
    }

    [Fact]
    public void Read_OtherCaller_PageTokenInvalid()
    {
        var request = new ListFindingsRequest { JurisdictionPrefix = "1402" };
        var token = _tokens.Write(7, request, "key1");

        AssertInvalid(() => _tokens.Read(token, request, "key2"));
    }

    [Fact]
    public void Read_EditedPosition_PageTokenInvalid()
    {
        var request = new ListFindingsRequest();
        var token = _tokens.Write(7, request, "key1");
        var bytes = Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + new string('=', (4 - token.Length % 4) % 4));
        bytes[1] = (byte)'9';
        var edited = Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        AssertInvalid(() => _tokens.Read(edited, request, "key1"));
    }

    [Fact]
    public void Read_TokenFromAnotherInstanceWithTheSameKey_Position()
    {
        // Two replicas of a service, each with its own PageTokens, configured with the same Paging:TokenKey.
        var request = new ListFindingsRequest { JurisdictionPrefix = "1402" };
        var first = new PageTokens(Options.Create(new PagingOptions { TokenKey = "shared-secret" }));
        var second = new PageTokens(Options.Create(new PagingOptions { TokenKey = "shared-secret" }));

        Assert.Equal(7, second.Read(first.Write(7, request, "key1"), request, "key1"));
    }

    [Fact]
    public void Read_TokenFromAnotherInstanceWithoutAKey_PageTokenInvalid()
    {
        // No configured key: each process draws its own, so replicas refuse each other's tokens.
        var request = new ListFindingsRequest();
        var first = new PageTokens(Options.Create(new PagingOptions()));
        var second = new PageTokens(Options.Create(new PagingOptions()));

        AssertInvalid(() => second.Read(first.Write(7, request, "key1"), request, "key1"));
    }

    [Fact]
    public void Read_TokenFromAnotherKey_PageTokenInvalid()
    {
        var request = new ListFindingsRequest();
        var other = new PageTokens(Options.Create(new PagingOptions { TokenKey = "another" }));

        AssertInvalid(() => _tokens.Read(other.Write(7, request, "key1"), request, "key1"));
    }

    [Theory]
    [InlineData("garbage!!")]
    [InlineData("AA")]
    public void Read_Malformed_PageTokenInvalid(string token) => AssertInvalid(() => _tokens.Read(token, new ListFindingsRequest(), ""));

    [Fact]
    public void ReadPosition_CodeWritten_SameCode()
    {
        var request = new ListRegistryRequest { CodePrefix = "14" };

        Assert.Equal("140200", _tokens.ReadPosition(_tokens.WritePosition("140200", request, ""), request, ""));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(501)]
    public void PageSize_OutOfRange_PageSizeInvalid(int size)
    {
        var ex = Assert.Throws<RpcException>(() => PageTokens.PageSize(ListFindingsRequest.Descriptor, size));

        Assert.Equal((StatusCode.InvalidArgument, "PAGE_SIZE_INVALID"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
    }

    private static void AssertInvalid(Action read)
    {
        var ex = Assert.Throws<RpcException>(read);
        Assert.Equal((StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Contains("page_token 无效", ex.Status.Detail, StringComparison.Ordinal);
    }
}
