namespace Credence.Core.Policies.Validation;

/// <summary>
/// Terms that make a list or measure an exemption or a privilege for some subjects (promise 3:
/// the same rules for everyone). A reward that everyone can earn is a redlist or a grant measure.
/// </summary>
internal static class ExemptionTerms
{
    public const string Label = "exemption";

    private static readonly TermMatcher Matcher = new(
        [
            new(Label,
                ["exempt[a-z]*", "vips?", "immunit(y|ies)", "immune", "privileg[a-z]*", "white ?list[a-z]*",
                 "allow ?list[a-z]*", "overrid[a-z]*", "bypass[a-z]*"],
                ["豁免", "特权", "免于", "免除", "免检", "白名单"]),
        ],
        [],
        []);

    public static TermMatch? Find(string? text) => Matcher.Find(text);
}
