namespace Credence.Storage.Tests.Fixture;

/// <summary>Walks a keyset-paged read to its end, failing (never hanging) when a wrong store pages forever.</summary>
internal static class Paging
{
    public static async Task<List<T>> AllAsync<T, TKey>(TKey first, Func<TKey, Task<IReadOnlyList<T>>> page, Func<T, TKey> next, int pageSize, int maxPages = 50)
    {
        var all = new List<T>();
        var key = first;
        for (var n = 0; n < maxPages; n++)
        {
            var items = await page(key);
            Assert.True(items.Count <= pageSize, $"page {n} holds {items.Count} items, more than the {pageSize} asked for");
            if (items.Count == 0)
            {
                return all;
            }

            all.AddRange(items);
            key = next(items[^1]);
        }

        Assert.Fail($"still paging after {maxPages} pages: the pages do not move forward");
        return all;
    }
}
