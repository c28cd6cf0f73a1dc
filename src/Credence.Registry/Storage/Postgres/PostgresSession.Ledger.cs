using Credence.Core.Records;
using Credence.Registry.Access;
using Credence.Registry.Decisions;
using Credence.Registry.DueProcess;

namespace Credence.Registry.Storage.Postgres;

/// <summary>Where the rows the ledger covers meet the ledger.</summary>
/// <remarks>
/// Implementation note: the ledger is kept behind a contract of its own that a store implements per
/// transaction (issue 12, part 1). Until this store implements it, these hooks append nothing and
/// <see cref="LastLedgerIndex"/> stays -1: the PostgreSQL store does not yet keep a ledger, and
/// <c>CredenceRegistry.Ledger</c> refuses it.
/// </remarks>
internal sealed partial class PostgresSession
{
    /// <inheritdoc />
    public long LastLedgerIndex => -1;

    private static void RecordInserted(Record record, long id)
    {
        _ = record;
        _ = id;
    }

    private static void DecisionInserted(Decision decision) => _ = decision;

    private static void AccessAppended(AccessEvent accessEvent) => _ = accessEvent;

    private static void CaseStepInserted(CaseStep step) => _ = step;

}
