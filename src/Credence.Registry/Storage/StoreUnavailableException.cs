namespace Credence.Registry.Storage;

/// <summary>
/// A store could not be opened or migrated (unreachable server, refused login, a schema newer than
/// this program). Its message is one line fit for an operator and never holds a password.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
