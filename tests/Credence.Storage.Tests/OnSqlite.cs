using Credence.Storage.Tests.Contract;
using Credence.Storage.Tests.Fixture;

namespace Credence.Storage.Tests;

// Every contract class on the embedded store. A new contract class gets a line here and one in OnPostgres.cs.
public sealed class RecordVersionsOnSqlite() : RecordVersions(StoreKind.Sqlite);
public sealed class UnitsOfWorkOnSqlite() : UnitsOfWork(StoreKind.Sqlite)
{
    private const string InstantInMemory =
        "SQLite store defect (reported): its writer keeps its last instant in memory only (SqliteWriter.last starts at MinValue), so a restart " +
        "with the clock set back, or another process with a slower clock, runs a unit before one already committed; the PostgreSQL store keeps it in the database";

    [Fact(Skip = InstantInMemory)]
    public override Task After_a_restart_a_units_instant_is_still_not_before_one_committed_before_it() => base.After_a_restart_a_units_instant_is_still_not_before_one_committed_before_it();

    [Fact(Skip = InstantInMemory)]
    public override Task Two_processes_with_different_clocks_never_take_an_instant_before_one_the_other_committed() => base.Two_processes_with_different_clocks_never_take_an_instant_before_one_the_other_committed();
}
public sealed class ReadModelsOnSqlite() : ReadModels(StoreKind.Sqlite);
public sealed class SubjectRowsOnSqlite() : SubjectRows(StoreKind.Sqlite);
public sealed class IntakeGuaranteesOnSqlite() : IntakeGuarantees(StoreKind.Sqlite);
public sealed class RacesOnSqlite() : Races(StoreKind.Sqlite);
public sealed class CrashesOnSqlite() : Crashes(StoreKind.Sqlite);
public sealed class PublicLookupsOnSqlite() : PublicLookups(StoreKind.Sqlite);
