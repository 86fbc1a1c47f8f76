using System.Text;
using Oversight.Analysis.Metadata;

namespace Oversight.Analysis.Tests;

/// <summary>
/// Never a code whose name the page does not carry: over every written page and thousands of generated ones that mix
/// real division names (bare, with parents, as departments, unknown) into every signal at random, the resolved code and
/// each candidate name a division written on the page.
/// </summary>
public class JurisdictionPropertyTests
{
    private static readonly ReportReader Reader = new(ShippedDivisions.Registry);

    [Fact]
    public void Read_WrittenPages_EveryCodeNamedOnThePage()
    {
        var folders = new[] { "Corpus", "Bodies" }.Select(f => Path.Combine(AppContext.BaseDirectory, f));
        var pages = folders.SelectMany(Directory.EnumerateFiles).Where(f => !f.EndsWith(".expected", StringComparison.Ordinal)).ToList();

        Assert.True(pages.Count >= 100, $"{pages.Count} pages");
        foreach (var page in pages)
        {
            var reading = Reader.Read(new ReportInput(File.ReadAllBytes(page))).Reading!;
            AssertNamedOnPage(reading.Text.Original, reading.Metadata, Path.GetFileName(page));
        }
    }

    [Fact]
    public void Read_GeneratedPages_EveryCodeNamedOnThePage()
    {
        var random = new Random(20261203);
        var divisions = ShippedDivisions.Divisions;
        var resolved = 0;
        var ambiguous = 0;
        for (var i = 0; i < 3000; i++)
        {
            var page = GeneratePage(random, divisions);
            var reading = Reader.Read(new ReportInput(Encoding.UTF8.GetBytes(page))).Reading;
            if (reading is null)
            {
                continue;
            }
            AssertNamedOnPage(page, reading.Metadata, page);
            resolved += reading.Metadata.JurisdictionResolution == JurisdictionResolution.Resolved ? 1 : 0;
            ambiguous += reading.Metadata.JurisdictionResolution == JurisdictionResolution.Ambiguous ? 1 : 0;
        }

        // The generator must exercise both outcomes, or the property says nothing.
        Assert.True(resolved > 500, $"{resolved} resolved");
        Assert.True(ambiguous > 200, $"{ambiguous} ambiguous");
    }

    private static void AssertNamedOnPage(string page, ReportMetadata metadata, string what)
    {
        foreach (var code in metadata.JurisdictionCandidates.Append(metadata.JurisdictionCode).OfType<string>())
        {
            var name = ShippedDivisions.Registry.Find(code)?.Name;
            // Named in full or in the short form pages write (大安彝族纳西族乡 as 大安乡, 昌吉回族自治州 as 昌吉州).
            var shortForm = name is null ? null : DivisionShortForms.Default.ShortForm(name);
            var named = name is not null
                && (page.Contains(name, StringComparison.Ordinal) || (shortForm is not null && page.Contains(shortForm, StringComparison.Ordinal)));
            Assert.True(named, $"{code} ({name}) is not named on: {what}");
        }
    }

    private static readonly string[] Bodies = ["人民政府", "司法局", "人民政府办公室", "公安局", "委员会", ""];
    private static readonly string[] Openers = ["坚持依法行政", "深入学习贯彻习近平法治思想", "在上级的坚强领导下推进各项工作"];

    private static string GeneratePage(Random random, IReadOnlyList<Division> divisions)
    {
        string Name()
        {
            var division = divisions[random.Next(divisions.Count)];
            var parent = division.ParentCode is null ? null : ShippedDivisions.Registry.Find(division.ParentCode);
            return random.Next(4) switch
            {
                0 when parent is not null && parent.Name != "市辖区" => parent.Name + division.Name,
                1 => division.Name + "新区",
                _ => division.Name,
            };
        }
        string Org() => (random.Next(5) == 0 ? "中共" : "") + Name() + Bodies[random.Next(Bodies.Length)];
        var year = 2019 + random.Next(7);
        var text = new StringBuilder();
        if (random.Next(2) == 0)
        {
            text.Append(random.Next(2) == 0 ? "来源:" : "发布机构:").Append(random.Next(6) == 0 ? "县府办" : Org()).Append('\n');
        }
        text.Append("发布日期:").Append(year + 1).Append("-03-0").Append(1 + random.Next(9)).Append('\n');
        text.Append(random.Next(5) switch
        {
            0 => $"{Org()}关于{year}年法治政府建设情况的报告",
            1 => $"{Name()}{year}年法治政府建设年度报告",
            2 => $"{year}年{Name()}法治政府建设工作报告",
            3 => $"关于{Name()}{year}年法治政府建设工作情况的报告",
            _ => $"{year}年法治政府建设年度报告",
        }).Append('\n');
        text.Append(random.Next(3) switch
        {
            0 => $"{year}年,{Name()}{Openers[random.Next(Openers.Length)]}。",
            1 => $"{year}年,我县{Openers[random.Next(Openers.Length)]},全县法治建设取得成效。",
            _ => $"{year}年,{Openers[random.Next(Openers.Length)]}。",
        }).Append('\n');
        text.Append("一、主要举措和成效\n全年办理行政复议案件12件。\n二、存在的不足和原因\n基层力量薄弱,原因是编制不足。\n");
        if (random.Next(2) == 0)
        {
            text.Append(Org()).Append('\n').Append(year + 1).Append("年2月1日\n");
        }
        return text.ToString();
    }
}
