namespace Oversight.Ingestion.Storage;

/// <summary>What a listing makes of its rows (see <see cref="ReportStore.ListAsync{T}"/>).</summary>
public interface IListedRows<T>
    where T : class
{
    /// <summary>What was made of revision <paramref name="seq"/> before, as current or not; null when it must be read.</summary>
    T? Known(long seq, bool current);

    /// <summary>Makes one from a row read with the summary's columns.</summary>
    T Make(RevisionRow row);
}
