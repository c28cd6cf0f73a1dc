namespace Credence.Ledger.Storage;

/// <summary>
/// A write or sync of the ledger failed. The appends in flight are not acknowledged, and the ledger
/// refuses every further append until it is reopened (which recovers the last durable state).
/// </summary>
public sealed class LedgerWriteException : IOException
{
    public LedgerWriteException()
    {
    }

    public LedgerWriteException(string message)
        : base(message)
    {
    }

    public LedgerWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
