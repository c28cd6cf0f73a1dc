using Credence.Registry.Public;
using Credence.Storage.Tests.Fixture;

namespace Credence.Storage.Tests.Contract;

/// <summary>
/// The organisation search's page and total, from the names' index and the organisations' first names kept
/// beside them, are exactly what grouping and sorting every match gives: organisations matched by a name
/// prefix or a code prefix, each keyed by the least of its matching folded names, in order of key and code,
/// at every page, after names are added and replaced.
/// </summary>
public abstract class OrganisationSearchRows(StoreKind kind) : StoreContract(kind)
{
    private static readonly string[] Words = ["acme", "beta", "深圳", "上海", "9 star", "zeta", "a", "ａｃｍｅ"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_search_page_is_the_one_every_match_grouped_and_sorted_gives(int seed)
    {
        var random = new Random(seed);
        var names = new Dictionary<(string Code, string Lang), string>();
        for (var round = 0; round < 3; round++)
        {
            var put = Enumerable.Range(0, 40).Select(_ =>
            {
                var code = "91" + random.Next(3) + "1" + random.Next(10).ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + "ABC";
                var name = Words[random.Next(Words.Length)] + " " + Words[random.Next(Words.Length)] + " " + random.Next(100);
                return new OrganisationName(code, random.Next(2) == 0 ? "zh" : "en", name);
            }).ToList();
            await WriteAsync(w => put.ForEach(n => w.PutOrganisationName(n, NameFolding.Fold(n.Name), Start)));
            put.ForEach(n => names[(n.Code, n.Language)] = n.Name);

            foreach (var query in new[] { "9", "91", "910", "9111", "91205ABC", "acme", "a", "深圳", "9 star", "zeta 9", "nothing", "ABC" })
            {
                var folded = NameFolding.Fold(query);
                var codePrefix = NameFolding.CodePrefix(query);
                var matches = names
                    .Where(n => NameFolding.Fold(n.Value).StartsWith(folded, StringComparison.Ordinal) || (codePrefix.Length > 0 && n.Key.Code.StartsWith(codePrefix, StringComparison.Ordinal)))
                    .GroupBy(n => n.Key.Code)
                    .Select(g => (Code: g.Key, Key: g.Select(n => NameFolding.Fold(n.Value)).Min(StringComparer.Ordinal)!))
                    .OrderBy(m => m.Key, StringComparer.Ordinal).ThenBy(m => m.Code, StringComparer.Ordinal)
                    .ToList();
                foreach (var (offset, limit) in new[] { (0, 3), (3, 3), (0, 100), (7, 5), (matches.Count, 5) })
                {
                    var expected = matches.Skip(offset).Take(limit)
                        .SelectMany(m => names.Where(n => n.Key.Code == m.Code).OrderBy(n => n.Key.Lang, StringComparer.Ordinal).Select(n => new OrganisationName(m.Code, n.Key.Lang, n.Value)))
                        .ToList();
                    var page = await ReadAsync(r => r.SearchOrganisations(folded, codePrefix, offset, limit));
                    Assert.Equal(matches.Count, page.Total);
                    Assert.Equal(expected, page.Names);
                }
            }
        }
    }
}
