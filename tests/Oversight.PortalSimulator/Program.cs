using Oversight.PortalSimulator;

// Standalone: `dotnet run --project tests/Oversight.PortalSimulator -- 3` serves three generated portals until Ctrl+C.
var count = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 1;
await using var simulator = await PortalSimulator.StartAsync(count);
var portals = SimulatedPortals.Publish(simulator, SimulatedPortals.Sample(count));
foreach (var portal in portals)
{
    Console.WriteLine($"{portal.Body.Code} {portal.Body.Name} {portal.Layout}: {portal.ColumnAddress}");
}
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
await Task.Delay(Timeout.InfiniteTimeSpan, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
