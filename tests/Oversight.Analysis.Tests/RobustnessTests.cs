using System.Text;
using Oversight.Analysis.Outline;
using Oversight.Testing;
using Oversight.Vocabulary;

namespace Oversight.Analysis.Tests;

/// <summary>The reader is total: any bytes give a reading whose spans stay inside the text, or a typed input error.</summary>
public class RobustnessTests
{
    private static readonly HashSet<string> InputErrors = [Reasons.ContentEmpty, Reasons.ContentUndecodable, Reasons.CharsetUnsupported, Reasons.ContentNoText];

    public static IEnumerable<object[]> Inputs()
    {
        var random = new Random(20261122);
        var seeds = SampleReports.All.Select(SampleReports.Bytes).ToArray();
        var gb18030 = GetGb18030();
        foreach (var seed in seeds)
        {
            for (var i = 0; i < 150; i++)
            {
                yield return ["truncated", seed[..random.Next(seed.Length)]];
            }
            for (var i = 0; i < 100; i++)
            {
                var mutated = (byte[])seed.Clone();
                for (var k = random.Next(1, 40); k > 0; k--)
                {
                    mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
                }
                yield return ["mutated", mutated];
            }
            yield return ["gb18030", gb18030.GetBytes(Encoding.UTF8.GetString(seed))];
            yield return ["shuffled lines", Encoding.UTF8.GetBytes(string.Join('\n', Encoding.UTF8.GetString(seed).Split('\n').OrderBy(_ => random.Next())))];
        }
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 3000)];
            random.NextBytes(bytes);
            yield return ["random", bytes];
        }
        for (var i = 0; i < 200; i++)
        {
            const string alphabet = "一二三、()（）1.。;:\n 报告法治年第是余多近约万%<>/";
            var chars = Enumerable.Range(0, random.Next(1, 2000)).Select(_ => alphabet[random.Next(alphabet.Length)]);
            yield return ["random report alphabet", Encoding.UTF8.GetBytes(string.Concat(chars))];
        }
        yield return ["huge line", Encoding.UTF8.GetBytes(new string('法', 1_000_000))];
        yield return ["huge numbered line", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("一、二是三是(一)1.", 100_000)))];
        yield return ["deep numbering", Encoding.UTF8.GetBytes(string.Join('\n',
            Enumerable.Range(1, 20_000).Select(i => (i % 4) switch { 0 => "一、标题", 1 => "(一)标题", 2 => "1.标题", _ => "(1)标题" })))];
        yield return ["long sequence", Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Range(1, 5_000).Select(i => $"({i % 99 + 1})条目。一是甲。二是乙。")))];
        yield return ["deep html", Encoding.UTF8.GetBytes("<html><body>" + string.Concat(Enumerable.Repeat("<div>", 20_000)) + "一、主要举措和成效"
            + string.Concat(Enumerable.Repeat("</div>", 20_000)) + "</body></html>")];
        yield return ["only whitespace", Encoding.UTF8.GetBytes(" \n\t\r\n　　\n")];
        yield return ["only markup", Encoding.UTF8.GetBytes("<html><body><script>x()</script></body></html>")];
        yield return ["utf-16 bom odd length", new byte[] { 0xFF, 0xFE, 0x41 }];
        yield return ["nul bytes", new byte[5000]];
    }

    private static Encoding GetGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    [Fact]
    public void Read_ThousandsOfRandomAndMutatedInputs_ReadingOrTypedInputErrorNeverAFailure()
    {
        var reader = new ReportReader(TestDivisions.Registry);
        var count = 0;
        foreach (var input in Inputs())
        {
            var (name, bytes) = ((string)input[0], (byte[])input[1]);
            foreach (var contentType in new[] { null, "text/html" })
            {
                var result = reader.Read(new ReportInput(bytes, contentType));
                count++;
                if (!result.Succeeded)
                {
                    Assert.True(InputErrors.Contains(result.Error!.Code), $"{name}: {result.Error.Code} {result.Error.Message}");
                    continue;
                }
                AssertSpansInside(result.Reading!, name);
            }
        }
        Assert.True(count >= 3900, $"only {count} inputs");
    }

    private static void AssertSpansInside(ReportReading reading, string name)
    {
        var length = reading.OriginalText.Length;
        Assert.InRange(reading.Body.Start, 0, length);
        Assert.InRange(reading.Body.End, reading.Body.Start, length);
        var stack = new Stack<OutlineSection>(reading.Outline.Sections);
        while (stack.Count > 0)
        {
            var section = stack.Pop();
            Assert.True(section.Span.Start >= 0 && section.Span.End <= length, $"{name}: section {section.Path} {section.Span} outside {length}");
            Assert.True(section.HeadingSpan.Start >= section.Span.Start && section.HeadingSpan.End <= section.Span.End || section.Inline,
                $"{name}: heading outside section {section.Path}");
            foreach (var child in section.Children)
            {
                stack.Push(child);
            }
        }
        foreach (var evidence in reading.Outline.Coverage.SelectMany(c => c.Evidence))
        {
            Assert.True(evidence.Span.Start >= 0 && evidence.Span.End <= length, $"{name}: evidence {evidence.Span} outside {length}");
        }
    }
}
