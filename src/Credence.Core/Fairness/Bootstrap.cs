using System.Text;

namespace Credence.Core.Fairness;

/// <summary>
/// The seeded, deterministic bootstrap behind the report's intervals: resampling a cohort's
/// subjects with replacement and counting an outcome gives a binomial count with the cohort's size
/// and observed rate, so each replicate draws that count directly.
/// </summary>
/// <remarks>
/// <para>
/// Implementation note: drawing the count instead of the subjects is the same distribution (the
/// nonparametric bootstrap of a proportion), at a cost independent of the cohort's size. The count
/// is drawn by inverting the binomial distribution, tabulated once per cohort and outcome from the
/// mode outwards with the ratio of successive probabilities (multiplications and divisions only,
/// so every IEEE machine gets the same table), down to terms below 1e-18 of the mode's.
/// </para>
/// <para>
/// Implementation note: each (dimension, outcome, cohort) has its own stream, from the seed and a
/// stable hash of the three names (FNV-1a of their UTF-8), so a cohort's interval does not depend on
/// which other cohorts exist or the order they are met in; the generator is SplitMix64, whose
/// output is fixed by its definition and not by the runtime's version.
/// </para>
/// </remarks>
internal static class Bootstrap
{
    /// <summary>
    /// <paramref name="replicates"/> bootstrap rates of a cohort of <paramref name="n"/> subjects of
    /// whom <paramref name="adverse"/> had the outcome, on the stream of <paramref name="stream"/>.
    /// </summary>
    public static double[] Rates(int n, int adverse, int replicates, ulong seed, string stream)
    {
        var rates = new double[replicates];
        if (n == 0)
        {
            return rates;
        }

        if (adverse == 0 || adverse == n)
        {
            Array.Fill(rates, adverse == 0 ? 0.0 : 1.0);
            return rates;
        }

        var (first, cumulative) = Table(n, (double)adverse / n);
        var state = Mix(seed ^ Hash(stream));
        var total = cumulative[^1];
        for (var b = 0; b < replicates; b++)
        {
            var u = (Next(ref state) >> 11) * (1.0 / (1UL << 53)) * total;
            var k = Array.BinarySearch(cumulative, u);
            k = k >= 0 ? k + 1 : ~k;
            rates[b] = (double)(first + Math.Min(k, cumulative.Length - 1)) / n;
        }

        return rates;
    }

    /// <summary>The percentile interval of <paramref name="values"/> (sorted in place) at <paramref name="confidence"/>.</summary>
    public static (double Low, double High) Percentiles(double[] values, double confidence)
    {
        Array.Sort(values);
        var tail = (1 - confidence) / 2;
        return (Quantile(values, tail), Quantile(values, 1 - tail));
    }

    /// <summary>The type-7 (linear) sample quantile of sorted values.</summary>
    private static double Quantile(double[] sorted, double q)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        var a = sorted[lo];
        var b = sorted[hi];
        if (double.IsPositiveInfinity(b) || a == b)
        {
            return h - lo == 0 ? a : b;
        }

        return a + ((h - lo) * (b - a));
    }

    /// <summary>The binomial(n, p) probabilities around the mode, cumulated: the first count and the running sums.</summary>
    private static (int First, double[] Cumulative) Table(int n, double p)
    {
        const double Negligible = 1e-18;
        var mode = (int)Math.Min(n, Math.Floor((n + 1) * p));
        var odds = p / (1 - p);
        var up = new List<double>();
        var w = 1.0;
        for (var k = mode; k < n; k++)
        {
            w *= (double)(n - k) / (k + 1) * odds;
            if (w < Negligible)
            {
                break;
            }

            up.Add(w);
        }

        var down = new List<double>();
        w = 1.0;
        for (var k = mode; k > 0; k--)
        {
            w *= k / ((double)(n - k + 1) * odds);
            if (w < Negligible)
            {
                break;
            }

            down.Add(w);
        }

        var first = mode - down.Count;
        var cumulative = new double[down.Count + 1 + up.Count];
        var sum = 0.0;
        var i = 0;
        for (var d = down.Count - 1; d >= 0; d--)
        {
            sum += down[d];
            cumulative[i++] = sum;
        }

        sum += 1.0;
        cumulative[i++] = sum;
        foreach (var u in up)
        {
            sum += u;
            cumulative[i++] = sum;
        }

        return (first, cumulative);
    }

    private static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
