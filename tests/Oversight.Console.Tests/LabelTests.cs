using Oversight.Analysis.Rules;
using Oversight.WebConsole.Html;

namespace Oversight.Console.Tests;

/// <summary>Office staff read finding codes by their Chinese names; a code added to the vocabulary needs one here too.</summary>
public sealed class LabelTests
{
    [Fact]
    public void FindingCodes_EveryVocabularyCode_HasChineseName()
    {
        var missing = RuleVocabulary.FindingCodes.Where(code => !Labels.FindingCodes.ContainsKey(code)).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void ReportTypes_EveryCatalogType_HasChineseName()
    {
        Assert.Equal(ReportTypes.All.Order(), Labels.ReportTypes.Select(t => t.Value).Order());
    }
}
