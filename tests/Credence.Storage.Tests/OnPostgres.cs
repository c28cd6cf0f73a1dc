using Credence.Storage.Tests.Contract;
using Credence.Storage.Tests.Fixture;

namespace Credence.Storage.Tests;

// Every contract class on the PostgreSQL store, on a fresh database of CREDENCE_TEST_POSTGRES's server.
public sealed class RecordVersionsOnPostgres() : RecordVersions(StoreKind.Postgres);
public sealed class UnitsOfWorkOnPostgres() : UnitsOfWork(StoreKind.Postgres);
public sealed class ReadModelsOnPostgres() : ReadModels(StoreKind.Postgres);
public sealed class SubjectRowsOnPostgres() : SubjectRows(StoreKind.Postgres);
public sealed class IntakeGuaranteesOnPostgres() : IntakeGuarantees(StoreKind.Postgres);
public sealed class RacesOnPostgres() : Races(StoreKind.Postgres);
public sealed class CrashesOnPostgres() : Crashes(StoreKind.Postgres);
public sealed class PublicLookupsOnPostgres() : PublicLookups(StoreKind.Postgres);
public sealed class IntakeHistoryOnPostgres() : IntakeHistory(StoreKind.Postgres);
public sealed class DisputeEvidenceRowsOnPostgres() : DisputeEvidenceRows(StoreKind.Postgres);
public sealed class BulkIntakeOnPostgres() : BulkIntake(StoreKind.Postgres);
public sealed class DecisionUnitsOnPostgres() : DecisionUnits(StoreKind.Postgres);
public sealed class SummaryTalliesOnPostgres() : SummaryTallies(StoreKind.Postgres);
public sealed class OrganisationSearchRowsOnPostgres() : OrganisationSearchRows(StoreKind.Postgres);
public sealed class GroupWorkOnPostgres() : GroupWork(StoreKind.Postgres);
public sealed class FileStampsOnPostgres() : FileStamps(StoreKind.Postgres);
public sealed class SubjectDossiersOnPostgres() : SubjectDossiers(StoreKind.Postgres);
