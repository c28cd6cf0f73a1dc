namespace Credence.Ledger.Storage;

/// <summary>Limits on what a ledger accepts.</summary>
public static class LedgerLimits
{
    /// <summary>Largest entry, in bytes (16 MiB).</summary>
    public const int MaxEntryLength = 16 * 1024 * 1024;

    /// <summary>Refuses an entry that is empty or too large.</summary>
    /// <remarks>
    /// Implementation note: empty entries are refused because a ledger entry always says something.
    /// </remarks>
    /// <exception cref="ArgumentException">The entry is empty or longer than <see cref="MaxEntryLength"/>.</exception>
    public static void RequireValidEntry(ReadOnlySpan<byte> entry, string parameterName)
    {
        if (entry.IsEmpty)
        {
            throw new ArgumentException("A ledger entry cannot be empty.", parameterName);
        }

        if (entry.Length > MaxEntryLength)
        {
            throw new ArgumentException($"A ledger entry is at most {MaxEntryLength} bytes, not {entry.Length}.", parameterName);
        }
    }
}
