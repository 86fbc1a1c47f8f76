namespace Oversight.Analysis.Metadata;

/// <summary>What the signals together say: one division, several (ambiguous, with the candidates) or none.</summary>
public sealed record JurisdictionVerdict(string Status, Division? Division, IReadOnlyList<string> Candidates, string Name, string? Department);
