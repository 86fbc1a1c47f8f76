namespace Oversight.Analysis.Text;

/// <summary>One line of the normalized text: where it starts and its content without the line break.</summary>
public readonly record struct Line(int Index, int Start, string Content)
{
    public int End => Start + Content.Length;

    public static List<Line> Split(string text)
    {
        var lines = new List<Line>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '\n')
            {
                lines.Add(new Line(lines.Count, start, text[start..i]));
                start = i + 1;
            }
        }
        return lines;
    }
}
