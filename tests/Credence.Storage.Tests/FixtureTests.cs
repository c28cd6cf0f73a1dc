using Credence.Storage.Tests.Fixture;
using Credence.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Credence.Storage.Tests;

/// <summary>
/// The fixture itself: PostgreSQL cases fail, never pass, without a server, each gets a database of its own that is
/// dropped after, and a store made from a template is a copy of its own.
/// </summary>
public class FixtureTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Without_a_server_a_PostgreSQL_case_fails_saying_how_to_get_one(string? value)
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => TestPostgres.ServerConnection(name => name == TestPostgres.Variable ? value : "unused"));
        Assert.Contains("CREDENCE_TEST_POSTGRES is not set", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/test.sh", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("CREATE DATABASE", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_server_connection_goes_to_the_maintenance_database_whatever_the_variable_names()
    {
        var connection = new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnection(_ => "Host=127.0.0.1;Port=5999;Username=u;Database=mine"));
        Assert.Equal(("127.0.0.1", 5999, "u", "postgres"), (connection.Host, connection.Port, connection.Username, connection.Database));
    }

    [Fact]
    public async Task A_database_is_copied_file_by_file_on_a_server_that_knows_how_and_no_other_statement_is_touched()
    {
        await using var connection = new NpgsqlConnection(TestPostgres.ServerConnection());
        await connection.OpenAsync();
        var fileCopy = connection.PostgreSqlVersion.Major >= 15 ? " STRATEGY FILE_COPY" : string.Empty;
        Assert.Equal("CREATE DATABASE a TEMPLATE b" + fileCopy, PostgresAdmin.Strategy(connection, "CREATE DATABASE a TEMPLATE b"));
        Assert.Equal("create database a" + fileCopy, PostgresAdmin.Strategy(connection, "create database a"));
        foreach (var other in new[] { "DROP DATABASE IF EXISTS a WITH (FORCE)", "CREATE TABLE a (b int)", "ALTER DATABASE a RENAME TO b", "CREATE DATABASE" })
        {
            Assert.Equal(other, PostgresAdmin.Strategy(connection, other));
        }

        // The statement the fixture runs is one the server takes: a copy made with it is a database like any other.
        var copy = await TestPostgres.CreateDatabaseAsync();
        try
        {
            Assert.True(await TestPostgres.ExistsAsync(copy));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(copy);
        }
    }

    [Fact]
    public async Task Each_PostgreSQL_case_gets_a_new_empty_database_that_is_dropped_after()
    {
        var first = await TestPostgres.CreateDatabaseAsync();
        var second = await TestPostgres.CreateDatabaseAsync();
        try
        {
            var (a, b) = (new NpgsqlConnectionStringBuilder(first).Database!, new NpgsqlConnectionStringBuilder(second).Database!);
            Assert.NotEqual(a, b);
            Assert.Matches("^credence_t_[0-9a-f]{32}$", a);
            Assert.True(await TestPostgres.ExistsAsync(first));
            await using (var connection = new NpgsqlConnection(first))
            {
                await connection.OpenAsync();
                await using var tables = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", connection);
                Assert.Equal(0L, await tables.ExecuteScalarAsync());
            }
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(first);
            await TestPostgres.DropDatabaseAsync(second);
        }

        Assert.False(await TestPostgres.ExistsAsync(first));
        Assert.False(await TestPostgres.ExistsAsync(second));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task Each_store_made_from_a_template_is_a_copy_that_only_its_own_writes_change(StoreKind kind)
    {
        var clock = new FakeTimeProvider(StoreContract.Start);
        await using var first = await TestStore.CreateAsync(kind, clock, StoreTemplate.SamplePolicies(kind));
        await using var second = await TestStore.CreateAsync(kind, clock, StoreTemplate.SamplePolicies(kind));
        Assert.NotEqual(first.Location, second.Location);
        Assert.NotEqual(await StoreTemplate.SamplePolicies(kind).LocationAsync(), first.Location);

        await first.Store.WriteAsync(w => w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "R-1")));

        Assert.NotNull(await first.Store.ReadAsync(r => r.FindRecordVersion(new("court", "R-1"), 1)));
        Assert.Null(await second.Store.ReadAsync(r => r.FindRecordVersion(new("court", "R-1"), 1)));
        await using var third = await TestStore.CreateAsync(kind, clock, StoreTemplate.SamplePolicies(kind));
        Assert.Null(await third.Store.ReadAsync(r => r.FindRecordVersion(new("court", "R-1"), 1)));
        Assert.Equal(2, (await third.Store.ReadAsync(r => r.ListActivations())).Count);
    }

    [Theory]
    [InlineData("Host=h;Database=postgres")]
    [InlineData("Host=h;Database=credence_t_x;drop")]
    [InlineData("Host=h")]
    public async Task Only_a_test_database_is_ever_dropped(string connection) =>
        await Assert.ThrowsAsync<ArgumentException>(() => TestPostgres.DropDatabaseAsync(connection));
}
