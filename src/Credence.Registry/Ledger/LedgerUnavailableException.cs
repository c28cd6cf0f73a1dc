namespace Credence.Registry.Ledger;

/// <summary>
/// The ledger could not take an entry, so the write that needed it was rolled back: nothing is
/// acknowledged without its ledger entry. The HTTP API answers <c>ledger-unavailable</c> (503).
/// </summary>
public sealed class LedgerUnavailableException : Exception
{
    public LedgerUnavailableException()
        : base("the ledger is unavailable")
    {
    }

    public LedgerUnavailableException(string message)
        : base(message)
    {
    }

    public LedgerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
