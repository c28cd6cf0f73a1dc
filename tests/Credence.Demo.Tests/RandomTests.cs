using Credence.Demo.Randomness;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Credence.Demo.Tests;

public sealed class RandomTests
{
    [Fact]
    public void The_generator_is_SplitMix64()
    {
        // Reference outputs of SplitMix64 seeded with 1234567 (Vigna's splitmix64.c).
        var random = new CityRandom(1234567);

        Assert.Equal(6457827717110365317UL, random.NextUInt64());
        Assert.Equal(3203168211198807973UL, random.NextUInt64());
        Assert.Equal(9817491932198370423UL, random.NextUInt64());
        Assert.Equal(4593380528125082431UL, random.NextUInt64());
        Assert.Equal(16408922859458223821UL, random.NextUInt64());
    }

    [Property]
    public Property Stable_exp_agrees_with_the_platform_to_a_few_units_in_the_last_place() =>
        Prop.ForAll(Gen.Choose(-700_000, 700_000).Select(i => i / 1000.0).ToArbitrary(), x =>
        {
            double expected = Math.Exp(x), actual = StableMath.Exp(x);
            return Math.Abs(actual - expected) <= 1e-14 * expected;
        });

    [Fact]
    public void Stable_exp_handles_the_edges()
    {
        Assert.Equal(1.0, StableMath.Exp(0));
        Assert.Equal(0.0, StableMath.Exp(-800));
        Assert.Equal(double.PositiveInfinity, StableMath.Exp(800));
        Assert.True(double.IsNaN(StableMath.Exp(double.NaN)));
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(4)]
    [InlineData(75)]
    public void Poisson_counts_have_the_mean_asked_for(double mean)
    {
        var random = new CityRandom(42);
        double sum = 0;
        for (int i = 0; i < 20_000; i++)
        {
            sum += random.Poisson(mean);
        }

        Assert.InRange(sum / 20_000, mean * 0.97, mean * 1.03);
    }

    [Fact]
    public void Draws_stay_in_their_ranges()
    {
        var random = new CityRandom(7);
        for (int i = 0; i < 10_000; i++)
        {
            Assert.InRange(random.Next(13), 0, 12);
            Assert.InRange(random.Between(-5, 5), -5, 5);
            Assert.InRange(random.NextDouble(), 0, 0.9999999999999999);
            Assert.InRange(random.Pick([1, 0, 3]), 0, 2);
            Assert.NotEqual(1, random.Pick([1, 0, 3]));
        }

        Assert.Equal(0, random.Next(0));
        Assert.Equal(9, random.Between(9, 9));
        Assert.Equal(0, random.Poisson(0));
    }

    [Fact]
    public void Streams_for_different_items_differ_and_the_same_item_repeats()
    {
        var a = CityRandom.For(2026, Salt.Person, 1);
        var b = CityRandom.For(2026, Salt.Person, 1);
        var c = CityRandom.For(2026, Salt.Person, 2);
        var d = CityRandom.For(2026, Salt.PersonStory, 1);

        ulong first = a.NextUInt64();
        Assert.Equal(first, b.NextUInt64());
        Assert.NotEqual(first, c.NextUInt64());
        Assert.NotEqual(first, d.NextUInt64());
    }
}
