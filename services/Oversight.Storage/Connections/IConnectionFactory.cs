using System.Data.Common;

namespace Oversight.Storage.Connections;

/// <summary>Opens ready-to-use connections to one service's database.</summary>
public interface IConnectionFactory
{
    string Provider { get; }

    ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A connection for one unit of read work (see <see cref="ConnectionLease"/>); without a transaction.</summary>
    async ValueTask<ConnectionLease> LeaseAsync(CancellationToken cancellationToken) => new ConnectionLease(await OpenAsync(cancellationToken));

    /// <summary>Creates the database when the options ask for it and it is missing; SQLite creates its file on open.</summary>
    ValueTask CreateIfMissingAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
