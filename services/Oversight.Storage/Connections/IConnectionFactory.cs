using System.Data.Common;

namespace Oversight.Storage.Connections;

/// <summary>Opens ready-to-use connections to one service's database.</summary>
public interface IConnectionFactory
{
    string Provider { get; }

    ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);
}
