using System.Globalization;
using Credence.Ledger.Checkpoints;
using Credence.Ledger.Hashing;
using Credence.Ledger.Proofs;
using Credence.Ledger.Tree;
using Credence.Registry.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Credence.Registry.Ledger;

/// <summary>
/// Checks a registry database against its own ledger, offline: recomputes the tree from the stored
/// entries, rebuilds every entry from the row it covers, checks every row the ledger must cover has
/// its entry, and checks each stored checkpoint's signature, root and consistency with the next.
/// </summary>
/// <remarks>
/// Implementation note: it opens the file read-only and applies no migration, so auditing never
/// changes what it audits. Every mismatch is reported with its location; none stops the audit.
/// </remarks>
public static class LedgerAudit
{
    private static readonly (EntryKind Kind, string Table, string Key)[] Covered =
    [
        (EntryKind.RecordVersion, "records", "CAST(id AS TEXT)"),
        (EntryKind.Decision, "decisions", "id"),
        (EntryKind.AccessEvent, "access_log", "CAST(id AS TEXT)"),
        (EntryKind.CaseStep, "case_steps", "CAST(id AS TEXT)"),
    ];

    /// <summary>Audits the database at <paramref name="databasePath"/>; an empty list means it is consistent.</summary>
    /// <param name="verifierKey">The operator's checkpoint verifier key; without it, signatures are not checked (and that is reported).</param>
    /// <exception cref="InvalidDataException">The file is not a registry database the audit can read.</exception>
    public static LedgerAuditReport Run(string databasePath, NoteVerifierKey? verifierKey)
    {
        // The store's own exceptions stay in the storage layer: a caller sees one kind of "cannot read it".
        try
        {
            return Audit(databasePath, verifierKey);
        }
        catch (SqliteException ex)
        {
            throw new InvalidDataException(ex.Message, ex);
        }
    }

    private static LedgerAuditReport Audit(string databasePath, NoteVerifierKey? verifierKey)
    {
        var problems = new List<string>();
        using var session = new SqliteSession(new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString()));
        session.Connection.Open();
        var salt = session.LedgerSalt();
        var size = session.LedgerSize();
        var tree = new MerkleLog(new MemoryNodeStore());
        for (long i = 0; i < size; i++)
        {
            CheckEntry(session, i, salt, tree, problems);
        }

        CheckNodes(session, tree, problems);
        CheckCoverage(session, problems);
        var checkpoints = CheckCheckpoints(session, tree, verifierKey, problems);
        return new LedgerAuditReport(size, checkpoints, verifierKey is not null, problems);
    }

    private static void CheckEntry(SqliteSession session, long index, ReadOnlySpan<byte> salt, MerkleLog tree, List<string> problems)
    {
        var stored = session.LedgerEntryAt(index);
        if (stored is null)
        {
            problems.Add($"ledger entry {index}: missing (the indices have a gap)");
            tree.AppendLeafHashes(new byte[MerkleHash.Length]);
            return;
        }

        tree.Append(stored.Bytes);
        var leaf = session.LedgerLeafHash(index);
        if (leaf is null || !MerkleHasher.LeafHash(stored.Bytes).Span.SequenceEqual(leaf))
        {
            problems.Add($"ledger entry {index}: its stored leaf hash is not the hash of its bytes");
        }

        LedgerEntry parsed;
        try
        {
            parsed = LedgerEntry.Parse(stored.Bytes);
        }
        catch (FormatException ex)
        {
            problems.Add($"ledger entry {index}: not a canonical entry ({ex.Message})");
            return;
        }

        if (!session.LedgerSubjectColumn(index).AsSpan().SequenceEqual(parsed.SubjectCommitment.Span))
        {
            problems.Add($"ledger entry {index}: its subject column is not the commitment in its bytes (the subject would not find it)");
        }

        var row = session.LedgerRow(stored.Kind, stored.RowKey);
        if (row is null)
        {
            problems.Add($"ledger entry {index}: the {Table(stored.Kind)} row {stored.RowKey} it covers is missing");
            return;
        }

        if (!RowContent.Entry(stored.Kind, stored.RowKey, row, salt).ToBytes().AsSpan().SequenceEqual(stored.Bytes))
        {
            problems.Add($"ledger entry {index}: the {Table(stored.Kind)} row {stored.RowKey} no longer matches it (the row or the entry was changed)");
        }
    }

    private static void CheckNodes(SqliteSession session, MerkleLog tree, List<string> problems)
    {
        try
        {
            var nodes = new SqliteNodeStore(session);
            if (nodes.LeafCount != tree.Size)
            {
                problems.Add($"ledger_nodes: holds a tree of {nodes.LeafCount} leaves for {tree.Size} entries");
                return;
            }

            var root = new ProofBuilder(nodes).RootHash(tree.Size);
            if (root != tree.RootHash)
            {
                problems.Add($"ledger_nodes: the stored tree's root {root.ToBase64()} is not the root {tree.RootHash.ToBase64()} recomputed from the entries (entries were changed or reordered)");
            }
        }
        catch (InvalidDataException ex)
        {
            problems.Add($"ledger_nodes: {ex.Message}");
        }
    }

    private static void CheckCoverage(SqliteSession session, List<string> problems)
    {
        foreach (var (kind, table, key) in Covered)
        {
            if (!session.TableExists(table))
            {
                // A database from before the table's migration: it has no such rows to cover.
                continue;
            }

            foreach (var rowKey in session.RowsWithoutEntry(table, key, kind))
            {
                problems.Add($"{table} row {rowKey}: has no ledger entry");
            }
        }
    }

    private static int CheckCheckpoints(SqliteSession session, MerkleLog tree, NoteVerifierKey? key, List<string> problems)
    {
        var proofs = new ProofBuilder(tree.Store);
        var verifier = key is null ? null : new CheckpointVerifier(key);
        var all = session.Checkpoints(0, int.MaxValue);
        StoredCheckpoint? previous = null;
        foreach (var stored in all)
        {
            var where = string.Create(CultureInfo.InvariantCulture, $"checkpoint {stored.Id} (size {stored.Size})");
            if (verifier is not null && verifier.Verify(stored.Note) is { IsValid: false } failed)
            {
                problems.Add($"{where}: its signature does not verify: {failed.Reason}");
            }

            if (!TryBody(stored.Note, out var body) || body.Size != stored.Size || !body.RootHash.Span.SequenceEqual(stored.Root))
            {
                problems.Add($"{where}: the signed note does not say the size and root stored beside it");
                continue;
            }

            if (stored.Size > tree.Size)
            {
                problems.Add($"{where}: signs more entries than the ledger holds ({tree.Size})");
                continue;
            }

            if (proofs.RootHash(stored.Size) != body.RootHash)
            {
                problems.Add($"{where}: its root is not the ledger's root at that size");
            }

            if (previous is not null && previous.Size <= stored.Size && previous.Size > 0)
            {
                var proof = proofs.ConsistencyProof(previous.Size, stored.Size);
                if (!ProofVerifier.VerifyConsistency(proof, new MerkleHash(previous.Root), body.RootHash))
                {
                    problems.Add($"{where}: is not consistent with checkpoint {previous.Id} (size {previous.Size})");
                }
            }
            else if (previous is not null && previous.Size > stored.Size)
            {
                problems.Add($"{where}: is smaller than the earlier checkpoint {previous.Id} (size {previous.Size})");
            }

            previous = stored;
        }

        return all.Count;
    }

    private static bool TryBody(string note, out Checkpoint body)
    {
        body = null!;
        try
        {
            body = Checkpoint.ParseBody(SignedNote.Parse(note).Text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Table(EntryKind kind) => Covered.First(c => c.Kind == kind).Table;
}
