using System.Text;
using Oversight.Analysis.Decoding;
using Oversight.Testing;
using Oversight.Vocabulary;

namespace Oversight.Analysis.Tests;

public class DecodingTests
{
    private static readonly Encoding Gb18030;

    static DecodingTests()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Gb18030 = Encoding.GetEncoding("GB18030");
    }

    [Fact]
    public void Read_Gb18030BytesUndeclared_DetectedAndReadLikeUtf8()
    {
        var text = SampleReports.Text(SampleReports.Hunyuan);
        var reader = new ReportReader(TestDivisions.Registry);

        var gb = reader.Read(new ReportInput(Gb18030.GetBytes(text))).Reading!;
        var utf8 = reader.Read(new ReportInput(Encoding.UTF8.GetBytes(text))).Reading!;

        Assert.Equal("gb18030", gb.Decoded.Charset);
        Assert.Equal("detected", gb.Decoded.CharsetSource);
        Assert.Equal(utf8.OriginalText, gb.OriginalText);
        Assert.Equal(utf8.Metadata.Title, gb.Metadata.Title);
        Assert.Equal(utf8.Outline.TopLevelKinds, gb.Outline.TopLevelKinds);
    }

    [Theory]
    [InlineData("gbk")]
    [InlineData("GB2312")]
    [InlineData("gb18030")]
    public void Decode_DeclaredGbFamilyCharset_DecodesAsGb18030(string charset)
    {
        var outcome = TextDecoder.Decode(Gb18030.GetBytes("法治政府建设年度报告"), null, charset);

        Assert.Equal("法治政府建设年度报告", outcome.Text!.Text);
        Assert.Equal("declared", outcome.Text.CharsetSource);
    }

    [Fact]
    public void Decode_CharsetInContentType_Used()
    {
        var outcome = TextDecoder.Decode(Gb18030.GetBytes("报告"), "text/plain; charset=GBK", null);

        Assert.Equal("报告", outcome.Text!.Text);
        Assert.Equal("content-type", outcome.Text.CharsetSource);
    }

    [Fact]
    public void Decode_HtmlMetaCharsetGb2312_Used()
    {
        var html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>浑源县2025年法治政府建设年度报告</p></body></html>";

        var outcome = TextDecoder.Decode(Gb18030.GetBytes(html), "text/html", null);

        Assert.Equal("html-meta", outcome.Text!.CharsetSource);
        Assert.Contains("浑源县2025年", outcome.Text.Text, StringComparison.Ordinal);
        Assert.True(outcome.Text.IsHtml);
    }

    [Fact]
    public void Decode_Utf8WithBom_BomRemoved()
    {
        var outcome = TextDecoder.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("一、主要措施和成效")], null, null);

        Assert.Equal("一、主要措施和成效", outcome.Text!.Text);
        Assert.Equal("bom", outcome.Text.CharsetSource);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decode_Utf16WithBom_Decoded(bool bigEndian)
    {
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);

        var outcome = TextDecoder.Decode([.. encoding.GetPreamble(), .. encoding.GetBytes("二、存在的问题和不足")], null, null);

        Assert.Equal("二、存在的问题和不足", outcome.Text!.Text);
    }

    [Fact]
    public void Decode_DeclaredUtf8ButGbBytes_FallsBackToDetection()
    {
        var outcome = TextDecoder.Decode(Gb18030.GetBytes("其他需要报告的情况"), "text/plain; charset=utf-8", null);

        Assert.Equal("其他需要报告的情况", outcome.Text!.Text);
        Assert.Equal("gb18030", outcome.Text.Charset);
    }

    [Fact]
    public void Decode_Empty_ContentEmptyError()
    {
        Assert.Equal(Reasons.ContentEmpty, TextDecoder.Decode([], null, null).Error!.Code);
    }

    [Fact]
    public void Decode_RandomBytes_UndecodableNotGarbage()
    {
        var random = new Random(7);
        var bytes = new byte[4096];
        random.NextBytes(bytes);

        var outcome = TextDecoder.Decode(bytes, null, null);

        Assert.Equal(Reasons.ContentUndecodable, outcome.Error!.Code);
        Assert.Contains("无法解码", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnknownDeclaredCharset_UnsupportedCharsetError()
    {
        var outcome = TextDecoder.Decode(Encoding.UTF8.GetBytes("报告"), null, "ebcdic-cp-us");

        Assert.Equal(Reasons.CharsetUnsupported, outcome.Error!.Code);
        Assert.Contains("ebcdic-cp-us", outcome.Error.Message, StringComparison.Ordinal);
    }
}
