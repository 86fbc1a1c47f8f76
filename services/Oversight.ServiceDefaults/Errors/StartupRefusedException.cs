namespace Oversight.ServiceDefaults.Errors;

/// <summary>
/// A configuration a service will not start with (open access on a network address, a missing authority …). The
/// message is for the operator and says what to change; hosts print it and exit instead of showing a stack trace.
/// </summary>
public sealed class StartupRefusedException(string message) : InvalidOperationException(message);
