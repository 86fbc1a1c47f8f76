using Oversight.Vocabulary;

namespace Oversight.Analysis;

/// <summary>
/// Why a document could not be read. The code is one of <see cref="Reasons"/> (<see cref="Reasons.ContentEmpty"/>,
/// <see cref="Reasons.ContentUndecodable"/>, <see cref="Reasons.CharsetUnsupported"/>, <see cref="Reasons.ContentNoText"/>,
/// <see cref="Reasons.ReaderFailed"/>); messages are Simplified Chinese and say what to fix.
/// </summary>
public sealed record ReadError(string Code, string Message);
