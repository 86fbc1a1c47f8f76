using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Compliance;

/// <summary>A list filter's field check: its error, when there is one, is INVALID_ARGUMENT FILTER_INVALID on that field.</summary>
internal static class Filters
{
    public static void Check(string field, string? error)
    {
        if (error is not null)
        {
            throw Guard.Invalid(Reasons.FilterInvalid, field, error);
        }
    }
}
