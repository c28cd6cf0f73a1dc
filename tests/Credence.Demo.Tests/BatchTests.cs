namespace Credence.Demo.Tests;

public sealed class BatchTests
{
    [Fact]
    public void Batches_hold_one_source_each_in_that_source_order_and_lose_nothing()
    {
        var city = TestCities.Small;
        var batches = city.Batches(500).ToList();

        Assert.All(batches, b => Assert.InRange(b.Lines.Count, 1, 500));
        Assert.All(batches, b => Assert.All(b.Lines, l => Assert.Equal(b.SourceId, l.Source)));
        foreach (var source in city.Sources)
        {
            var expected = TestCities.SmallRecords.Where(r => r.SourceId == source.Id).Select(r => r.Line);
            var batched = batches.Where(b => b.SourceId == source.Id).SelectMany(b => b.Lines);
            Assert.Equal(expected, batched);
        }
    }

    [Fact]
    public void Only_a_source_last_batch_may_be_short()
    {
        var batches = TestCities.Small.Batches(300).ToList();

        foreach (var group in batches.GroupBy(b => b.SourceId))
        {
            Assert.All(group.SkipLast(1), b => Assert.Equal(300, b.Lines.Count));
        }
    }
}
