using Oversight.Storage.Bulk;

namespace Oversight.Storage.Tests;

public sealed class TableRowsTests
{
    [Fact]
    public void Add_WrongNumberOfValues_Refused()
    {
        var rows = new TableRows("bulk_rows", "name", "number");

        Assert.Throws<ArgumentException>(() => rows.Add("只有一个"));
        Assert.Equal(0, rows.Count);
    }
}
