namespace Credence.Registry.Tests.Postgres;

/// <summary>
/// A test that needs a PostgreSQL server: <c>CREDENCE_TEST_POSTGRES</c> must hold a connection string
/// with the right to create databases (scripts/test.sh starts a private server and sets it). Without
/// it the test FAILS, saying so (<see cref="PostgresDatabase"/>): a skipped test would guard nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PostgresFactAttribute : FactAttribute;
