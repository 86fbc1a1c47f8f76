using Spectre.Console;

namespace Oversight.Cli;

/// <summary>Spectre consoles over a writer: colours only on a real terminal, plain text when piped.</summary>
public static class Consoles
{
    public static IAnsiConsole For(TextWriter output)
    {
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            // Piped output is read by scripts and grep: keep each row on one line rather than wrapping at 80 columns.
            console.Profile.Width = 240;
        }
        return console;
    }
}
