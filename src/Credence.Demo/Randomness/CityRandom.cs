namespace Credence.Demo.Randomness;

/// <summary>
/// The city's pseudo-random numbers: SplitMix64, which the city owns so that a seed gives the same
/// city on every runtime and machine.
/// </summary>
/// <remarks>
/// Implementation note: <see cref="System.Random"/> is not used because its algorithm is not part of
/// its contract. Every draw here uses integer arithmetic or the basic IEEE operations (+ − × ÷), which
/// give the same bits everywhere; the one transcendental function needed, e<sup>x</sup>, is
/// <see cref="StableMath.Exp"/>, written with those operations only.
/// </remarks>
internal struct CityRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15;

    private ulong state;

    /// <summary>A stream that starts from <paramref name="seed"/>.</summary>
    public CityRandom(ulong seed) => state = seed;

    /// <summary>
    /// An independent stream for one purpose (a salt) and one item (an index) under a city seed:
    /// subject 17's story does not depend on how many draws subject 16 made.
    /// </summary>
    public static CityRandom For(long seed, ulong salt, long index) =>
        new(Mix(Mix(unchecked((ulong)seed) ^ salt) + unchecked((ulong)index * Golden)));

    /// <summary>The SplitMix64 finaliser: a good 64-bit hash.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        state += Golden;
        return Mix(state);
    }

    /// <summary>Uniform in [0, 1), with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>); 0 when the range is empty.</summary>
    public int Next(int maxExclusive) => maxExclusive <= 0 ? 0 : (int)Math.BigMul(NextUInt64(), (ulong)maxExclusive, out _);

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="maxInclusive"/>].</summary>
    public long Between(long min, long maxInclusive) =>
        maxInclusive <= min ? min : min + (long)Math.BigMul(NextUInt64(), (ulong)(maxInclusive - min + 1), out _);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>An index drawn with the given weights (which need not sum to 1).</summary>
    public int Pick(ReadOnlySpan<double> weights)
    {
        double total = 0;
        foreach (double w in weights)
        {
            total += w;
        }

        double x = NextDouble() * total;
        for (int i = 0; i < weights.Length - 1; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    /// <summary>
    /// A Poisson count with the given mean (Knuth's product of uniforms; large means are split, since
    /// the sum of independent Poisson counts is Poisson with the summed mean).
    /// </summary>
    public int Poisson(double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 30)
        {
            return Poisson(mean / 2) + Poisson(mean / 2);
        }

        double limit = StableMath.Exp(-mean), product = NextDouble();
        int count = 0;
        while (product > limit)
        {
            count++;
            product *= NextDouble();
        }

        return count;
    }

    /// <summary>A standard normal deviate, as the Irwin–Hall sum of twelve uniforms less six.</summary>
    public double Normal()
    {
        double sum = -6;
        for (int i = 0; i < 12; i++)
        {
            sum += NextDouble();
        }

        return sum;
    }

    /// <summary>A log-normal amount: the median times e to a normal deviate of the given spread.</summary>
    public double LogNormal(double median, double sigma) => median * StableMath.Exp(sigma * Normal());

    /// <summary>Uniform in [0, 1), squared: most draws small, a few large (for reporting delays).</summary>
    public double Skewed()
    {
        double u = NextDouble();
        return u * u;
    }
}
