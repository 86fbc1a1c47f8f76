using Oversight.Analysis.Metadata;

namespace Oversight.Testing;

/// <summary>A few GB/T 2260 divisions around the seeds, plus two 城区 to make a bare name ambiguous.</summary>
public static class TestDivisions
{
    public static IReadOnlyList<Division> All { get; } =
    [
        new("140000", "山西省", null),
        new("140200", "大同市", "140000"),
        new("140214", "云冈区", "140200"),
        new("140214102", "云冈镇", "140214"),
        new("140225", "浑源县", "140200"),
        new("141000", "临汾市", "140000"),
        new("141034", "汾西县", "141000"),
        new("140300", "阳泉市", "140000"),
        new("140302", "城区", "140300"),
        new("140500", "晋城市", "140000"),
        new("140502", "城区", "140500"),
        new("540000", "西藏自治区", null),
        new("542500", "阿里地区", "540000"),
        new("542521", "普兰县", "542500"),
    ];

    public static JurisdictionRegistry Registry { get; } = new(All);
}
