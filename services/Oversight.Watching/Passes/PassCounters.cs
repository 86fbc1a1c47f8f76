using Oversight.Contracts.Watching.V1;

namespace Oversight.Watching.Passes;

/// <summary>A running pass's counts, added to from every host at once.</summary>
public sealed class PassCounters
{
    private int _columns, _listPages, _fetched, _notModified, _found, _submitted, _rejected, _disallowed, _failed, _hostsSkipped;

    public void Column() => Interlocked.Increment(ref _columns);
    public void ListPage() => Interlocked.Increment(ref _listPages);
    public void Fetched() => Interlocked.Increment(ref _fetched);
    public void NotModified() => Interlocked.Increment(ref _notModified);
    public void Found() => Interlocked.Increment(ref _found);
    public void Submitted() => Interlocked.Increment(ref _submitted);
    public void Rejected() => Interlocked.Increment(ref _rejected);
    public void Disallowed() => Interlocked.Increment(ref _disallowed);
    public void Failed() => Interlocked.Increment(ref _failed);
    public void HostSkipped() => Interlocked.Increment(ref _hostsSkipped);

    public void CopyTo(WatchPass pass)
    {
        (pass.Columns, pass.ListPages, pass.Fetched, pass.NotModified, pass.ReportsFound) = (_columns, _listPages, _fetched, _notModified, _found);
        (pass.Submitted, pass.Rejected, pass.Disallowed, pass.Failed, pass.HostsSkipped) = (_submitted, _rejected, _disallowed, _failed, _hostsSkipped);
    }
}
