using Oversight.Analysis.Text;

namespace Oversight.Analysis.Outline;

/// <summary>Names the parsed sections, maps them to the original text and works out how each content is covered.</summary>
public static class OutlineBuilder
{
    public static ReportOutline Build(NormalizedText text, IReadOnlyList<RawSection> roots, SectionClassifier classifier, int bodyStart, int bodyEnd)
    {
        var normalized = text.Text;
        var kinds = roots.Select(r => SectionKindGuess.FromHeading(classifier, Heading(normalized, r))).ToArray();

        // Reports that spread their measures over topical sections (一 to 七, then 八、存在的问题) name none of them; a
        // first-responsible section or highlights may come before them. Text that clearly says another kind overrides.
        // Only a report whose kinds include the measures (the rule-of-law report) has sections read by position.
        var positional = classifier.Catalog.Kinds.Any(k => k.Kind == SectionKinds.Measures);
        var boundary = positional
            ? Array.FindIndex(kinds, k => k?.Kind is SectionKinds.Shortfalls or SectionKinds.NextYearPlan or SectionKinds.OtherMatters
                or SectionKinds.Suggestions)
            : 0;
        // A page that shows no shortfalls or plan (a report of themed sections only, or an excerpt that ends before
        // them) reads its themed sections as the measures too.
        if (boundary < 0)
        {
            boundary = kinds.Length;
        }
        for (var i = 0; i < kinds.Length; i++)
        {
            if (kinds[i] is not null)
            {
                continue;
            }
            var content = SectionKindGuess.FromContent(classifier.Catalog, normalized, roots[i].HeadingStart + roots[i].HeadingLength, roots[i].End);
            // Themed measures sections speak of the principal leaders too (主要负责人带头…): a section that opens a run of
            // themed sections (or is the last the page shows, the rest cut off) is one of them whatever its words; alone
            // before named sections, words that clearly say first-responsible make it that section.
            var opensRun = i + 1 >= kinds.Length || kinds[i + 1] is null;
            var byPosition = i < boundary && (content is not { Certain: true } || content.Kind == SectionKinds.Measures
                || (content.Kind == SectionKinds.FirstResponsible && opensRun));
            kinds[i] = byPosition ? SectionKindGuess.ByPosition : content;
        }

        var sections = new List<OutlineSection>(roots.Count);
        for (var i = 0; i < roots.Count; i++)
        {
            var embedded = roots[i].Children
                .Where(c => !c.Inline)
                .Select(c => classifier.ClassifyEmbedded(Heading(normalized, c)))
                .OfType<string>()
                .Where(k => k != kinds[i]?.Kind)
                .Distinct()
                .ToList();
            sections.Add(ToSection(text, roots[i], "", 1, kinds[i] ?? SectionKindGuess.None, embedded));
        }

        var coverage = classifier.Catalog.Kinds
            .Select(k => Cover(text, k, sections, classifier, bodyStart, bodyEnd))
            .ToList();
        var causes = FindCauses(text, roots, sections, classifier.Catalog.Causes);
        return new ReportOutline(sections, coverage, causes is not null, causes);
    }

    private static string Heading(string normalized, RawSection section) => normalized.Substring(section.HeadingStart, section.HeadingLength);

    private static OutlineSection ToSection(NormalizedText text, RawSection raw, string parentPath, int depth, SectionKindGuess? kind,
        IReadOnlyList<string> embedded)
    {
        var numberSpan = text.ToOriginal(raw.Start, raw.NumberLength);
        var number = numberSpan.Of(text.Original);
        var pathPart = number.TrimEnd('、', '.', '．', ' ');
        var path = parentPath.Length == 0 ? pathPart : parentPath + "/" + pathPart;
        var children = raw.Children
            .Select(c => ToSection(text, c, path, depth + 1, null, []))
            .ToList();
        var headingSpan = text.ToOriginal(raw.HeadingStart, raw.HeadingLength);
        return new OutlineSection(
            path,
            number,
            headingSpan.Of(text.Original).Trim(),
            depth,
            headingSpan,
            text.ToOriginal(raw.Start, Math.Max(0, raw.End - raw.Start)),
            children,
            raw.Inline,
            kind?.Kind ?? "",
            kind?.Source ?? "",
            embedded)
        {
            KindConfidence = kind?.Confidence ?? 0,
            KindReason = kind?.Reason ?? "",
        };
    }

    private static KindCoverage Cover(NormalizedText text, SectionKindPatterns kind, IReadOnlyList<OutlineSection> sections, SectionClassifier classifier,
        int bodyStart, int bodyEnd)
    {
        var own = sections.Where(s => s.Kind == kind.Kind).ToList();
        if (own.Count > 0)
        {
            // A section whose kind is only a weak guess from its text may be this content, or may not: uncertain, not absent.
            var status = own.Any(s => s.KindConfidence >= SectionKindGuess.Dedicated) ? KindCoverage.Dedicated : KindCoverage.Uncertain;
            return new KindCoverage(kind.Kind, status,
                own.Select(s => new Evidence(s.Path, s.HeadingSpan, s.HeadingSpan.Of(text.Original))).ToList());
        }
        var evidence = new List<Evidence>();
        foreach (var section in sections.Where(s => s.EmbeddedKinds.Contains(kind.Kind)))
        {
            foreach (var child in section.Children.Where(c => !c.Inline && classifier.ClassifyEmbedded(c.Heading) == kind.Kind))
            {
                evidence.Add(new Evidence(child.Path, child.HeadingSpan, child.HeadingSpan.Of(text.Original)));
            }
        }
        var normalized = text.Text;
        foreach (var phrase in kind.Mentions)
        {
            for (var at = normalized.IndexOf(phrase, bodyStart, StringComparison.Ordinal);
                 at >= 0 && at < bodyEnd && evidence.Count < 10;
                 at = normalized.IndexOf(phrase, at + phrase.Length, StringComparison.Ordinal))
            {
                var sentence = Sentences.Around(normalized, at);
                var span = text.ToOriginal(sentence.Start, sentence.Length);
                if (evidence.All(e => e.Span != span))
                {
                    evidence.Add(new Evidence(PathAt(sections, span.Start), span, span.Of(text.Original)));
                }
            }
        }
        return evidence.Count > 0
            ? new KindCoverage(kind.Kind, KindCoverage.InPassing, evidence.OrderBy(e => e.Span.Start).ToList())
            : new KindCoverage(kind.Kind, KindCoverage.Absent, []);
    }

    // Causes are looked for in the body of the shortfalls sections: their headings ("存在的不足和原因") name
    // causes whether or not the text gives any.
    private static Evidence? FindCauses(NormalizedText text, IReadOnlyList<RawSection> roots, IReadOnlyList<OutlineSection> sections,
        IReadOnlyList<string> phrases)
    {
        var normalized = text.Text;
        for (var i = 0; i < sections.Count; i++)
        {
            if (sections[i].Kind != SectionKinds.Shortfalls)
            {
                continue;
            }
            var from = roots[i].HeadingStart + roots[i].HeadingLength;
            var to = roots[i].End;
            var best = -1;
            foreach (var phrase in phrases)
            {
                var at = normalized.IndexOf(phrase, from, Math.Max(0, to - from), StringComparison.Ordinal);
                if (at >= 0 && (best < 0 || at < best))
                {
                    best = at;
                }
            }
            if (best >= 0)
            {
                var sentence = Sentences.Around(normalized, best);
                var span = text.ToOriginal(sentence.Start, sentence.Length);
                return new Evidence(PathAt(sections, span.Start), span, span.Of(text.Original));
            }
        }
        return null;
    }

    /// <summary>The path of the deepest section that contains an original offset.</summary>
    public static string PathAt(IReadOnlyList<OutlineSection> sections, int originalOffset)
    {
        var path = "";
        var level = sections;
        while (true)
        {
            OutlineSection? containing = null;
            for (var i = level.Count - 1; i >= 0 && containing is null; i--)
            {
                if (level[i].Span.Contains(originalOffset))
                {
                    containing = level[i];
                }
            }
            if (containing is null)
            {
                return path;
            }
            path = containing.Path;
            level = containing.Children;
        }
    }
}
