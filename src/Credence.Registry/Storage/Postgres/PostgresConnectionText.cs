using Npgsql;

namespace Credence.Registry.Storage.Postgres;

/// <summary>
/// What may be shown of a PostgreSQL connection string: everything but its secrets. Every message,
/// log line and exception text the store produces passes through here.
/// </summary>
/// <remarks>
/// Implementation note: a string that parses is shown with its password (and SSL key password)
/// replaced by <c>***</c>; one that does not parse is not shown at all, since where the secret ends
/// cannot be known (a password with a semicolon in it splits into keywords that would be echoed).
/// Any text may be scrubbed of a known password as a last line of defence (a server's or a
/// library's message that repeated it).
/// </remarks>
internal static class PostgresConnectionText
{
    public const string Hidden = "***";

    private const string Unparsable = "(a PostgreSQL connection string that does not parse; not shown, as it may hold a password)";

    /// <summary>Parses <paramref name="connectionString"/>, or throws <see cref="StoreUnavailableException"/> without echoing it.</summary>
    public static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException or NotSupportedException or InvalidCastException or OverflowException)
        {
            throw new StoreUnavailableException("the PostgreSQL connection string does not parse (its text is not shown, as it may hold a password)");
        }
    }

    /// <summary>The connection string with its secrets replaced by <see cref="Hidden"/>.</summary>
    public static string Redact(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return "(no connection string)";
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException or NotSupportedException or InvalidCastException or OverflowException)
        {
            return Unparsable;
        }

        if (!string.IsNullOrEmpty(builder.Password))
        {
            builder.Password = Hidden;
        }

        if (!string.IsNullOrEmpty(builder.SslPassword))
        {
            builder.SslPassword = Hidden;
        }

        return builder.ConnectionString;
    }

    /// <summary><paramref name="text"/> with every occurrence of the connection string's password replaced by <see cref="Hidden"/>.</summary>
    public static string Scrub(string text, string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return text;
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            foreach (var secret in new[] { builder.Password, builder.SslPassword })
            {
                if (!string.IsNullOrEmpty(secret))
                {
                    text = text.Replace(secret, Hidden, StringComparison.Ordinal);
                }
            }

            return text.Replace(connectionString, Redact(connectionString), StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException or NotSupportedException or InvalidCastException or OverflowException)
        {
            return text.Replace(connectionString, Unparsable, StringComparison.Ordinal);
        }
    }
}
