using Credence.Storage.Tests.Contract;
using Credence.Storage.Tests.Fixture;

namespace Credence.Storage.Tests;

// Every contract class on the embedded store. A new contract class gets a line here and one in OnPostgres.cs.
public sealed class RecordVersionsOnSqlite() : RecordVersions(StoreKind.Sqlite);
public sealed class UnitsOfWorkOnSqlite() : UnitsOfWork(StoreKind.Sqlite);
public sealed class ReadModelsOnSqlite() : ReadModels(StoreKind.Sqlite);
public sealed class SubjectRowsOnSqlite() : SubjectRows(StoreKind.Sqlite);
public sealed class IntakeGuaranteesOnSqlite() : IntakeGuarantees(StoreKind.Sqlite);
public sealed class RacesOnSqlite() : Races(StoreKind.Sqlite);
public sealed class CrashesOnSqlite() : Crashes(StoreKind.Sqlite);
public sealed class PublicLookupsOnSqlite() : PublicLookups(StoreKind.Sqlite);
public sealed class IntakeHistoryOnSqlite() : IntakeHistory(StoreKind.Sqlite);
public sealed class DisputeEvidenceRowsOnSqlite() : DisputeEvidenceRows(StoreKind.Sqlite);
public sealed class BulkIntakeOnSqlite() : BulkIntake(StoreKind.Sqlite);
public sealed class DecisionUnitsOnSqlite() : DecisionUnits(StoreKind.Sqlite);
public sealed class SummaryTalliesOnSqlite() : SummaryTallies(StoreKind.Sqlite);
public sealed class OrganisationSearchRowsOnSqlite() : OrganisationSearchRows(StoreKind.Sqlite);
public sealed class GroupWorkOnSqlite() : GroupWork(StoreKind.Sqlite);
public sealed class FileStampsOnSqlite() : FileStamps(StoreKind.Sqlite);
public sealed class SubjectDossiersOnSqlite() : SubjectDossiers(StoreKind.Sqlite);
