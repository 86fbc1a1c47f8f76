namespace Oversight.Testing;

/// <summary>The five real reports under samples/reports, by their original file number.</summary>
public static class SampleReports
{
    public const string Hunyuan = "000";
    public const string Pulan = "001";
    public const string Yungang = "002";
    public const string Fenxi = "003";
    public const string YungangTown = "004";

    public static IReadOnlyList<string> All { get; } = [Hunyuan, Pulan, Yungang, Fenxi, YungangTown];

    public static string PathOf(string number) =>
        Directory.GetFiles(RepositoryPaths.Combine("samples", "reports"), $"*__{number}_*.txt").Single();

    public static byte[] Bytes(string number) => File.ReadAllBytes(PathOf(number));

    public static string Text(string number) => File.ReadAllText(PathOf(number));
}
