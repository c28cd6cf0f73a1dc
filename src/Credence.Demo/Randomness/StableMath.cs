namespace Credence.Demo.Randomness;

/// <summary>Mathematics that gives the same bits on every platform.</summary>
/// <remarks>
/// Implementation note: <see cref="Math.Exp"/> defers to the platform's C library, whose last bit may
/// differ between operating systems and processors; one differing bit can flip a random comparison
/// and change the city. This version uses only IEEE basic operations and <see cref="Math.ScaleB"/>,
/// which are exact or correctly rounded everywhere, and is accurate to a few units in the last place,
/// which is all a synthetic city needs.
/// </remarks>
internal static class StableMath
{
    // ln 2 split in two (as fdlibm does): the high part has trailing zero bits, so k × Ln2High is exact.
    private const double Ln2High = 6.93147180369123816490e-01;
    private const double Ln2Low = 1.90821492927058770002e-10;
    private const double InverseLn2 = 1.44269504088896338700e+00;

    /// <summary>e to the power <paramref name="x"/>, for |x| up to about 700.</summary>
    public static double Exp(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x < -745)
        {
            return 0;
        }

        if (x > 709)
        {
            return double.PositiveInfinity;
        }

        // x = k·ln 2 + r with |r| ≤ ln 2 / 2, so e^x = 2^k · e^r; fourteen terms of e^r's series leave
        // an error below 10^-17.
        double k = x >= 0 ? (double)(long)((x * InverseLn2) + 0.5) : (double)(long)((x * InverseLn2) - 0.5);
        double r = (x - (k * Ln2High)) - (k * Ln2Low);
        double term = 1, sum = 1;
        for (int n = 1; n <= 14; n++)
        {
            term = term * r / n;
            sum += term;
        }

        return Math.ScaleB(sum, (int)k);
    }
}
