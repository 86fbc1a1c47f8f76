using Oversight.Analysis.Numbers;
using Oversight.Analysis.Outline;
using Oversight.Analysis.Text;

namespace Oversight.Analysis.Indicators;

/// <summary>
/// Finds every value of every catalog indicator in a report's body. Pure: a reading in, values out.
/// Attribution is per figure: the wording of its own clause decides the indicator, so in
/// "去年结转5件,本年度新收47件,共计52件" only 47 is the received count. Where one indicator is stated several times,
/// the value the text presents as the year's total is the one aggregates use.
/// Bounded: a report's first <paramref name="maxFigures"/> figures are taken and the scan stops at the next one, so
/// a submission of one stated figure repeated a million times costs what a report with that many figures costs; it
/// also stops after <see cref="ExaminedPerFigure"/> times as many numbers looked at, attributed or not.
/// </summary>
public sealed class MetricExtractor(IndicatorCatalog catalog, int maxFigures = MetricExtractor.DefaultMaxFigures)
{
    /// <summary>
    /// Real reports state tens of figures, a long one a few hundred. 1,000 values with their evidence sentences (at most
    /// 800 characters each, 2.4 KB in UTF-8) keep a report's GetReportMetrics answer under the 4 MB a client receives by default.
    /// </summary>
    public const int DefaultMaxFigures = 1000;

    /// <summary>Numbers looked at per figure allowed: a real report attributes one in a few of its numbers, never one in 20.</summary>
    public const int ExaminedPerFigure = 20;

    public static MetricExtractor Default { get; } = new(IndicatorCatalog.Default);

    public IndicatorCatalog Catalog => catalog;

    /// <summary>The most figures taken from one report (task areas come on top: at most one per area).</summary>
    public int MaxFigures { get; } = maxFigures > 0
        ? maxFigures
        : throw new ArgumentOutOfRangeException(nameof(maxFigures), maxFigures, "At least one figure per report.");

    /// <summary>What the metrics service stores for a report: its figures, then the task areas its measures cover.</summary>
    public IReadOnlyList<ExtractedValue> ExtractWithTaskAreas(ReportReading reading) => ExtractReport(reading).Values;

    /// <summary>
    /// <see cref="ExtractWithTaskAreas"/>, saying whether the figures stopped at <see cref="MaxFigures"/>; stops with
    /// <paramref name="cancellationToken"/> (checked at every sentence).
    /// </summary>
    public Extraction ExtractReport(ReportReading reading, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var (figures, truncated) = ExtractFigures(reading, cancellationToken);
        IReadOnlyList<ExtractedValue> values = reading.Metadata.ReportType == Rules.ReportTypes.RuleOfLaw
            ? [.. figures, .. TaskAreaValues.From(reading.TaskAreas)]
            : figures;
        return new Extraction(values, truncated);
    }

    /// <summary>
    /// The figures of a report: a rule-of-law report's from its sentences; a report of the statistics tables' type (the
    /// disclosure report) from its tables only, so its 行政复议 row never counts as the government's 行政复议 figures.
    /// </summary>
    public IReadOnlyList<ExtractedValue> Extract(ReportReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return ExtractFigures(reading, CancellationToken.None).Values;
    }

    /// <summary>How many values <see cref="Extract"/> gives, without building their evidence (what compliance needs).</summary>
    public int Count(ReportReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return reading.Metadata.ReportType == TableFigureCatalog.Default.ReportType
            ? TableFigureReader.Read(reading, TableFigureCatalog.Default).Count
            : Find(reading, CancellationToken.None, out _).Count;
    }

    // A table row gives one figure per catalog entry, so the tables' figures are bounded by the catalog.
    private (IReadOnlyList<ExtractedValue> Values, bool Truncated) ExtractFigures(ReportReading reading, CancellationToken cancellationToken)
    {
        if (reading.Metadata.ReportType == TableFigureCatalog.Default.ReportType)
        {
            return (TableFigureReader.Read(reading, TableFigureCatalog.Default), false);
        }
        var found = Find(reading, cancellationToken, out var truncated);
        return (Choose(reading, found), truncated);
    }

    private List<(IndicatorDefinition Indicator, Figure Figure, TextSpan Sentence)> Find(ReportReading reading, CancellationToken cancellationToken,
        out bool truncated)
    {
        var text = reading.Text.Text;
        var body = reading.NormalizedBody;
        var found = new List<(IndicatorDefinition Indicator, Figure Figure, TextSpan Sentence)>();
        var topics = new Dictionary<string, int>(StringComparer.Ordinal);
        var position = body.Start;
        var examinable = (long)MaxFigures * ExaminedPerFigure;
        truncated = false;
        while (position < body.End)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sentence = Sentences.Around(text, position);
            var sentenceEnd = Math.Min(Math.Max(sentence.End, position + 1), body.End);
            var figures = FigureScanner.Scan(text, sentence.Start < position ? position : sentence.Start, sentenceEnd);
            var previousEnd = sentence.Start;
            topics.Clear();
            var clause = new Clause(text, sentence.Start, sentenceEnd, TopicStart(text, sentence.Start, sentenceEnd), topics);
            for (var i = 0; i < figures.Count; i++)
            {
                if (--examinable < 0)
                {
                    truncated = true;
                    return found;
                }
                var figure = figures[i];
                var nextStart = i + 1 < figures.Count ? figures[i + 1].Start : sentenceEnd;
                var indicator = Attribute(clause, previousEnd, figure, nextStart);
                if (indicator is not null)
                {
                    if (found.Count == MaxFigures)
                    {
                        truncated = true;
                        return found;
                    }
                    found.Add((indicator, figure, new TextSpan(sentence.Start, sentenceEnd - sentence.Start)));
                }
                previousEnd = figure.End;
            }
            position = sentenceEnd;
        }
        return found;
    }

    private IndicatorDefinition? Attribute(Clause sentence, int previousEnd, Figure figure, int nextStart)
    {
        var candidates = catalog.ForUnit(figure.Unit);
        if (candidates.Count == 0)
        {
            return null;
        }
        var (text, sentenceStart) = (sentence.Text, sentence.Start);
        var leadStart = ClauseStart(text, Math.Max(previousEnd, sentenceStart), figure.Start);
        var leadLength = figure.Start - leadStart;
        // An after-cue reads on to the next figure: its own pattern says whether it may cross a clause mark
        // (4次召开党组会议、常务会议,专题学习…).
        var afterEnd = nextStart;
        if (ContainsAny(text, leadStart, leadLength, catalog.Excludes))
        {
            return null;
        }
        IndicatorDefinition? best = null;
        var bestEnd = -1;
        var bestStart = -1;
        // Indexed loops throughout: a foreach over an IReadOnlyList boxes an enumerator, at every figure of every report.
        for (var c = 0; c < candidates.Count; c++)
        {
            var indicator = candidates[c];
            if (ContainsAny(text, leadStart, leadLength, indicator.Excludes) ||
                (indicator.Topics.Count > 0 && !sentence.AnyBefore(indicator.Topics, figure.Start)))
            {
                continue;
            }
            for (var k = 0; k < indicator.Cues.Count; k++)
            {
                var cue = indicator.Cues[k];
                if (cue.Topics.Count > 0 && !sentence.AnyBefore(cue.Topics, figure.Start))
                {
                    continue;
                }
                var end = leadStart;
                var start = leadStart;
                // Span matching allocates no Match per try: a report tries every cue at every figure.
                if (cue.Before is not null)
                {
                    var matches = cue.Before.EnumerateMatches(text.AsSpan(leadStart, leadLength));
                    if (!matches.MoveNext())
                    {
                        continue;
                    }
                    start = leadStart + matches.Current.Index;
                    end = start + matches.Current.Length;
                }
                if (cue.After is not null && !cue.After.IsMatch(text.AsSpan(figure.End, afterEnd - figure.End)))
                {
                    continue;
                }
                // The wording nearest the figure decides; between equally near ones, the more specific (shorter) one.
                if (end > bestEnd || (end == bestEnd && start > bestStart))
                {
                    best = indicator;
                    bestEnd = end;
                    bestStart = start;
                }
            }
        }
        return best;
    }

    private IReadOnlyList<ExtractedValue> Choose(ReportReading reading, List<(IndicatorDefinition Indicator, Figure Figure, TextSpan Sentence)> found)
    {
        var values = new List<ExtractedValue>(found.Count);
        var text = reading.Text.Text;
        foreach (var group in found.GroupBy(f => f.Indicator))
        {
            // A part (其中…) or a figure spanning several years (以来, 累计) is used only when nothing reads as the year's total.
            var tier = group.Max(f => Scope(text, f.Sentence.Start, f.Figure.Start));
            var candidates = group.Where(f => Scope(text, f.Sentence.Start, f.Figure.Start) == tier);
            var chosen = group.Key.Choose == IndicatorDefinition.ChooseFirst
                ? candidates.First().Figure
                : candidates.MaxBy(f => f.Figure.Value).Figure;
            foreach (var (indicator, figure, sentence) in group)
            {
                var span = reading.Text.ToOriginal(sentence.Start, sentence.Length);
                var evidence = new Evidence(OutlineBuilder.PathAt(reading.Outline.Sections, span.Start), span, span.Of(reading.OriginalText));
                var raw = reading.Text.ToOriginal(figure.Start, figure.Length).Of(reading.OriginalText);
                values.Add(new ExtractedValue(indicator.Id, figure.Value, figure.Upper, indicator.Unit, figure.Qualifier, raw, evidence,
                    ReferenceEquals(figure, chosen)));
            }
        }
        values.Sort((a, b) => a.Evidence.Span.Start != b.Evidence.Span.Start
            ? a.Evidence.Span.Start.CompareTo(b.Evidence.Span.Start)
            : string.CompareOrdinal(a.Indicator, b.Indicator));
        return values;
    }

    // 0: presented as spanning several years; 1: as a part of another figure; 2: neither. Read from the sentence up to the figure.
    private int Scope(string text, int sentenceStart, int figureStart)
    {
        var length = figureStart - sentenceStart;
        return ContainsAny(text, sentenceStart, length, catalog.MultiYear) ? 0
            : ContainsAny(text, sentenceStart, length, catalog.Parts) ? 1
            : 2;
    }

    // A sentence of one clause (向市级备案5件。) goes on from the full sentence before it in its paragraph, so its topics may
    // be named there (…审核规范性文件24件,提出意见建议500余条。向市级备案5件。); a longer sentence, or an item of a list
    // after ; (…中心组学习18场次;读书班3次。), names its own.
    private static int TopicStart(string text, int start, int end)
    {
        if (start == 0 || text[start - 1] is not ('。' or '!' or '?'))
        {
            return start;
        }
        for (var i = start; i < end - 1; i++)
        {
            if (IsClauseMark(text[i]))
            {
                return start;
            }
        }
        return Sentences.Around(text, start - 1).Start;
    }

    private static bool IsClauseMark(char c) => c is ',' or ';' or ':' or '。' or '(' or ')' or '!' or '?' or '\n';

    private static int ClauseStart(string text, int floor, int index)
    {
        var i = index;
        while (i > floor && !IsClauseMark(text[i - 1]))
        {
            i--;
        }
        return i;
    }

    private static bool ContainsAny(string text, int start, int length, IReadOnlyList<string> words)
    {
        if (words.Count == 0 || length <= 0)
        {
            return false;
        }
        var span = text.AsSpan(start, length);
        for (var i = 0; i < words.Count; i++)
        {
            if (span.Contains(words[i], StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    // A sentence with where each topic word first occurs in it (or from TopicStart, in the sentence it goes on from), looked
    // up once per sentence instead of once per figure and indicator.
    private readonly record struct Clause(string Text, int Start, int End, int TopicStart, Dictionary<string, int> FirstAt)
    {
        public bool AnyBefore(IReadOnlyList<string> words, int before)
        {
            for (var i = 0; i < words.Count; i++)
            {
                var word = words[i];
                if (!FirstAt.TryGetValue(word, out var at))
                {
                    FirstAt[word] = at = Text.IndexOf(word, TopicStart, End - TopicStart, StringComparison.Ordinal);
                }
                if (at >= 0 && at + word.Length <= before)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
