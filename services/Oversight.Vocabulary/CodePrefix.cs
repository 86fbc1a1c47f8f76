namespace Oversight.Vocabulary;

/// <summary>
/// The one rule for GB/T 2260 code prefixes, the jurisdiction filters and scopes of every service ("1402" is 大同市 and
/// everything under it, "" the whole country): what a prefix may be, and what it covers.
/// </summary>
public static class CodePrefix
{
    /// <summary>A township's code, the longest there is.</summary>
    public const int MaxLength = 9;

    /// <summary>Up to nine ASCII digits; empty for the whole country.</summary>
    public static bool IsValid(string prefix) => prefix.Length <= MaxLength && prefix.All(char.IsAsciiDigit);

    /// <summary>A code, or a narrower prefix, lies inside <paramref name="prefix"/>.</summary>
    public static bool Covers(string prefix, string codeOrPrefix) => codeOrPrefix.StartsWith(prefix, StringComparison.Ordinal);

    /// <summary>
    /// Where two prefixes meet: the longer when one covers the other (a 1402 scope asked for 14 gives 1402), null when
    /// they do not meet.
    /// </summary>
    public static string? Intersect(string scope, string requested) =>
        Covers(scope, requested) ? requested : Covers(requested, scope) ? scope : null;

    /// <summary>
    /// The SQL LIKE pattern of everything <paramref name="prefix"/> covers: the prefix and one trailing %. Only a valid prefix
    /// (digits) is taken, so no % or _ of a caller's ever reaches a LIKE as a wildcard and no dialect needs an ESCAPE clause.
    /// </summary>
    public static string LikePattern(string prefix) =>
        IsValid(prefix) ? prefix + "%" : throw new ArgumentException($"'{prefix}' is not a code prefix (up to {MaxLength} digits)", nameof(prefix));
}
