using Credence.Core.Policies.Validation;

namespace Credence.Core.Tests.Policies;

/// <summary>Every spelling of a term reads as the term before the curated lists are consulted.</summary>
public class TextFoldingTests
{
    [Theory]
    [InlineData("ｐａｒｅｎｔ")]
    [InlineData("ＰＡＲＥＮＴ")]
    [InlineData("𝐩𝐚𝐫𝐞𝐧𝐭")]
    [InlineData("𝑷𝒂𝒓𝒆𝒏𝒕")]
    [InlineData("ⓟⓐⓡⓔⓝⓣ")]
    [InlineData("pärent")]
    [InlineData("pa\u0301rent")]
    [InlineData("pa\u200Brent")]
    [InlineData("pa\u00ADrent")]
    [InlineData("pa\u2060rent")]
    [InlineData("\uFEFFparent")]
    [InlineData("раrеnt")]
    [InlineData("Parent")]
    public void Spellings_of_a_word_read_as_the_word(string text) =>
        Assert.Equal(" parent ", TermMatcher.Normalise(text));

    [Theory]
    [InlineData("employerTaxEvasion", " employer tax evasion ")]
    [InlineData("employer_tax_evasion", " employer tax evasion ")]
    [InlineData("employer.tax-evasion", " employer tax evasion ")]
    [InlineData("Employer's tax evasion", " employer tax evasion ")]
    [InlineData("Parents' debts", " parents debts ")]
    [InlineData("ﬁnes", " fines ")]
    [InlineData("子 女", " 子女 ")]
    [InlineData("子·女", " 子女 ")]
    [InlineData("親屬", " 亲属 ")]
    [InlineData("關聯企業", " 关联企业 ")]
    [InlineData("ＤＮＡ１２", " dna12 ")]
    public void Separators_case_possessives_and_traditional_characters_fold(string text, string normal) =>
        Assert.Equal(normal, TermMatcher.Normalise(text));

    [Theory]
    [InlineData("ｒｅｌｉｇｉｏｎ")]
    [InlineData("churchAttendance")]
    [InlineData("宗教")]
    [InlineData("種族")]
    [InlineData("Mоsque visits")]
    public void Protected_matters_are_found_in_every_spelling(string text) => Assert.NotNull(ProtectedMatters.Find(text));
}
