using Credence.Core.Identifiers;
using FsCheck;
using FsCheck.Fluent;

namespace Credence.Core.Tests.Identifiers;

/// <summary>A resident identity number written by <see cref="ResidentIdentityNumber.Create"/>.</summary>
public sealed record GeneratedPerson(string Text, DateOnly BirthDate);

/// <summary>A Unified Social Credit Code written by <see cref="UnifiedSocialCreditCode.Create"/>.</summary>
public sealed record GeneratedOrganisation(string Text);

/// <summary>Replace the character at <see cref="Position"/> with the pool character at <see cref="PoolIndex"/>.</summary>
public sealed record Substitution(int Position, int PoolIndex);

/// <summary>FsCheck generators for the identifier properties.</summary>
public static class IdentifierArbitraries
{
    /// <summary>
    /// Replacement characters: everything either alphabet allows (so most substitutions reach the check
    /// characters), the excluded letters, lower case and a few strays.
    /// </summary>
    public const string Pool = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefxyz -Ｘ１";

    private static readonly int[] Provinces =
        [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83];

    private static readonly (char Authority, char Category)[] Prefixes = AssignedPrefixes();

    public static Arbitrary<GeneratedPerson> Persons()
    {
        int earliest = ResidentIdentityNumber.EarliestBirthDate.DayNumber;
        var gen =
            from province in Gen.Elements(Provinces)
            from county in Gen.Choose(0, 9999)
            from day in Gen.Choose(earliest, TestIdentifiers.Today.DayNumber)
            from sequence in Gen.Choose(0, 999)
            let birth = DateOnly.FromDayNumber(day)
            select new GeneratedPerson(ResidentIdentityNumber.Create($"{province:D2}{county:D4}", birth, sequence), birth);
        return Arb.From(gen);
    }

    public static Arbitrary<GeneratedOrganisation> Organisations()
    {
        var gen =
            from prefix in Gen.Elements(Prefixes)
            from region in Gen.Choose(0, 999_999)
            from body in Gen.ArrayOf(Gen.Elements(UsccAlphabet.Characters.ToCharArray()), 8)
            select new GeneratedOrganisation(UnifiedSocialCreditCode.Create(prefix.Authority, prefix.Category, $"{region:D6}", new string(body)));
        return Arb.From(gen);
    }

    public static Arbitrary<Substitution> Substitutions() =>
        Arb.From(
            from position in Gen.Choose(0, 17)
            from index in Gen.Choose(0, Pool.Length - 1)
            select new Substitution(position, index));

    /// <summary>
    /// Applies the substitution; when the pool character is the original in either case, the next pool
    /// character is taken, so the result always differs from the original in more than case.
    /// </summary>
    public static string Apply(string text, Substitution substitution)
    {
        int index = substitution.PoolIndex;
        char original = char.ToUpperInvariant(text[substitution.Position]);
        while (char.ToUpperInvariant(Pool[index]) == original)
        {
            index = (index + 1) % Pool.Length;
        }

        return TestIdentifiers.Replace(text, substitution.Position, Pool[index]);
    }

    private static (char, char)[] AssignedPrefixes()
    {
        var prefixes = new List<(char, char)>();
        foreach (char authority in "123456789ANY")
        {
            foreach (char category in UsccCodeTable.CategoriesOf(authority)!)
            {
                prefixes.Add((authority, category));
            }
        }

        return [.. prefixes];
    }
}
