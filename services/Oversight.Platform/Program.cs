using Oversight.Platform;

try
{
    await using var platform = await PlatformHost.StartAsync(args);
    platform.PrintWelcome(Console.Out);
    await platform.WaitForShutdownAsync();
}
catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    // The usual first-run problem: another platform (or anything) already listens on the port.
    Console.Error.WriteLine($"无法启动:{ex.Message} 请先停止占用该端口的程序,或用 --Ingestion:Endpoint:Port 等参数换端口 (port in use)");
    return 1;
}
catch (Oversight.ServiceDefaults.Errors.StartupRefusedException ex)
{
    // A configuration the platform will not run with (open access on a network address …): the message says what to change.
    Console.Error.WriteLine(ex.Message);
    return 1;
}
return 0;
