using Oversight.Rpc.Server;

namespace Oversight.Access;

/// <summary>The caller <see cref="AccessInterceptor"/> authenticated, as the service methods see it.</summary>
public static class CallerContext
{
    private const string StateKey = "access.caller";

    /// <summary>The authenticated caller; a call that did not pass the interceptor has none and is refused.</summary>
    public static Caller Caller(this ServerCallContext context) =>
        context.UserState.TryGetValue(StateKey, out var value) && value is Caller caller
            ? caller
            : throw AccessErrors.Unauthenticated("KEY_MISSING");

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

    internal static void Set(ServerCallContext context, Caller caller, bool labelled)
    {
        context.UserState[StateKey] = caller;
        if (labelled)
        {
            // What Callers.Of records beside submissions and changes.
            context.UserState["caller"] = caller.Label;
        }
    }
}
