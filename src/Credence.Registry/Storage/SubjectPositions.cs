using System.Runtime.InteropServices;
using System.Text;
using Credence.Core.Identifiers;

namespace Credence.Registry.Storage;

/// <summary>
/// Where each subject of a run stands in it, looked up from the identifier's UTF-8 bytes as a store
/// reads them: every row of a range read is looked up once, whether it was asked for or not.
/// </summary>
/// <remarks>
/// Implementation note: a pass over the demo city's records table looks up a million rows among
/// 80,000 subjects in no order, so each lookup is a few misses of the processor's cache. A
/// <see cref="Dictionary{TKey,TValue}"/> of strings (decoding the bytes, hashing the characters, then
/// the bucket, the entry and the key's string) spent a fifth of the read doing so; this table of
/// (hash, position) pairs with linear probing makes one miss for the slot and one for the comparison
/// of the bytes, which is exact (a hash alone could file a stranger's row under a subject).
/// </remarks>
internal sealed class SubjectPositions
{
    private readonly Slot[] slots;
    private readonly int mask;
    private readonly byte[] identifiers;
    private readonly int[] starts;

    public SubjectPositions(IReadOnlyList<SubjectId> subjects)
    {
        starts = new int[subjects.Count + 1];
        for (var i = 0; i < subjects.Count; i++)
        {
            starts[i + 1] = starts[i] + Encoding.UTF8.GetByteCount(subjects[i].Value);
        }

        identifiers = new byte[starts[^1]];
        var size = (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(subjects.Count * 2)));
        slots = new Slot[size];
        mask = size - 1;
        for (var i = 0; i < subjects.Count; i++)
        {
            var bytes = identifiers.AsSpan(starts[i], starts[i + 1] - starts[i]);
            Encoding.UTF8.GetBytes(subjects[i].Value, bytes);
            if (PositionOf(bytes) >= 0)
            {
                throw new ArgumentException($"subject {subjects[i].Value} is repeated", nameof(subjects));
            }

            var hash = Hash(bytes);
            var s = hash & mask;
            while (slots[s].Position != 0)
            {
                s = (s + 1) & mask;
            }

            slots[s] = new Slot(hash, i + 1);
        }
    }

    /// <summary>The subject's position in the run; -1 when it was not asked for.</summary>
    public int PositionOf(ReadOnlySpan<byte> identifier)
    {
        var hash = Hash(identifier);
        for (var s = hash & mask; slots[s].Position != 0; s = (s + 1) & mask)
        {
            if (slots[s].Hash == hash)
            {
                var p = slots[s].Position - 1;
                if (identifier.SequenceEqual(identifiers.AsSpan(starts[p], starts[p + 1] - starts[p])))
                {
                    return p;
                }
            }
        }

        return -1;
    }

    /// <summary>The subject's position in the run; -1 when it was not asked for.</summary>
    public int PositionOf(string identifier) => PositionOf(Encoding.UTF8.GetBytes(identifier));

    /// <summary>A hash of the bytes (not of the string: no decoding), never negative.</summary>
    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        var hash = default(HashCode);
        hash.AddBytes(bytes);
        return hash.ToHashCode() & int.MaxValue;
    }

    /// <summary>A position plus one (zero is an empty slot) and the hash of its identifier.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Slot(int Hash, int Position);
}
