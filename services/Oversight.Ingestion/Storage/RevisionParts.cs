namespace Oversight.Ingestion.Storage;

/// <summary>
/// What a read of revisions carries beyond the summary columns. The outline and the texts are the large columns
/// (compressed out of line on PostgreSQL), so a listing or a service that reads the report again reads without them.
/// </summary>
[Flags]
public enum RevisionParts
{
    Summary = 0,
    Outline = 1,
    Content = 2,
    Texts = 4,
}
