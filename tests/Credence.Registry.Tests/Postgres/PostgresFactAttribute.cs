namespace Credence.Registry.Tests.Postgres;

/// <summary>
/// A test that needs a PostgreSQL server: it runs when <c>CREDENCE_TEST_POSTGRES</c> holds a
/// connection string with the right to create databases (scripts/test.sh starts a private server
/// and sets it), and is reported as skipped, saying why, when it does not.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(PostgresDatabase.ServerConnection))
        {
            Skip = "CREDENCE_TEST_POSTGRES is not set (a connection string to a PostgreSQL server where the tests may create databases)";
        }
    }
}
