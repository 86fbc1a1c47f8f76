using Oversight.Analysis.Rules;
using Oversight.Vocabulary;
using Oversight.WebConsole.Html;

namespace Oversight.Console.Tests;

/// <summary>Office staff read finding codes and roles by their Chinese names; one added to the vocabulary needs one here too.</summary>
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

    [Fact]
    public void Roles_EveryRoleTheServicesKnow_HasChineseName()
    {
        Assert.Equal(Oversight.Access.Roles.All.Order(), Labels.Roles.Select(r => r.Value).Order());
        Assert.All(Oversight.Access.Roles.All, role => Assert.NotEqual(role, Labels.Role(role)));
    }

    [Fact]
    public void Roles_AccessAndVocabulary_OneList()
    {
        Assert.Same(RoleNames.All, Oversight.Access.Roles.All);
    }
}
