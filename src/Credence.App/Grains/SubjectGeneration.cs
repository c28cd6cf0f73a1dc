namespace Credence.App.Grains;

/// <summary>
/// How many times a subject's file was changed while its grain was active on this silo: a grain keeps a file
/// only with the generation it was read at, and answers from it only while the generation is unchanged.
/// </summary>
internal sealed class SubjectGeneration
{
    private readonly Lock gate = new();
    private long value;
    private int holders;
    private bool retired;

    /// <summary>The generation now.</summary>
    public long Value => Interlocked.Read(ref value);

    /// <summary>A write changed the subject's file.</summary>
    public void Advance() => Interlocked.Increment(ref value);

    /// <summary>Counts one more activation holding it; false once the last holder left (take a new one).</summary>
    public bool TryHold()
    {
        lock (gate)
        {
            if (retired)
            {
                return false;
            }

            holders++;
            return true;
        }
    }

    /// <summary>Counts one activation less; true when it was the last (the generation is retired).</summary>
    public bool Release()
    {
        lock (gate)
        {
            holders--;
            retired = holders == 0;
            return retired;
        }
    }
}
