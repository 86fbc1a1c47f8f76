using Oversight.Analysis.Outline;

namespace Oversight.Analysis.Rules;

/// <summary>
/// One finding about a report (or, in sweeps, about a body). Evidence is text spans or a metadata field. Subject tells
/// apart findings of one code about different things (the other report a text is reused from).
/// </summary>
public sealed record RuleFinding(
    string Code,
    string Severity,
    string SectionKind,
    string Message,
    IReadOnlyList<Evidence> Evidence,
    string Field,
    string PackId,
    int PackVersion,
    string Subject = "");
