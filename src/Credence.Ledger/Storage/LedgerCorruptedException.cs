namespace Credence.Ledger.Storage;

/// <summary>
/// The ledger files contradict each other in a way a torn tail cannot explain (for example an entry
/// whose bytes do not hash to its stored leaf hash). The ledger refuses to open rather than guess.
/// </summary>
public sealed class LedgerCorruptedException : IOException
{
    public LedgerCorruptedException()
    {
    }

    public LedgerCorruptedException(string message)
        : base(message)
    {
    }

    public LedgerCorruptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
