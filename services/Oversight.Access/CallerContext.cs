using Grpc.Core;
using Oversight.Vocabulary;

namespace Oversight.Access;

/// <summary>The caller <see cref="AccessMiddleware"/> authenticated, as the service methods see it.</summary>
public static class CallerContext
{
    /// <summary>The authenticated caller; a call that did not pass access control has none and is refused.</summary>
    public static Caller Caller(this ServerCallContext context) =>
        context.GetHttpContext().Features.Get<Caller>() ?? throw AccessErrors.Unauthenticated(Reasons.KeyMissing);

    /// <summary>Refuses with PERMISSION_DENIED unless the jurisdiction (or scope prefix) lies inside the caller's scope.</summary>
    public static void RequireCovers(this ServerCallContext context, string codeOrPrefix, string what, string field = "") =>
        context.Caller().RequireCovers(codeOrPrefix, what, field);

    /// <summary>The same for a caller handed on to the code that does the work (the checker, the analyzer).</summary>
    public static void RequireCovers(this Caller caller, string codeOrPrefix, string what, string field = "")
    {
        if (!caller.Covers(codeOrPrefix))
        {
            throw AccessErrors.OutOfScope(caller, what, field);
        }
    }
}
