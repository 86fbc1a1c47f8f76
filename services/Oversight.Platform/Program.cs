using Oversight.Platform;

await using var platform = await PlatformHost.StartAsync(args);
platform.PrintWelcome(Console.Out);
await platform.WaitForShutdownAsync();
