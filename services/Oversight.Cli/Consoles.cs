using Spectre.Console;

namespace Oversight.Cli;

/// <summary>Spectre consoles over a writer: colours only on a real terminal, plain text when piped.</summary>
public static class Consoles
{
    public static IAnsiConsole For(TextWriter output)
    {
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
    }
}
