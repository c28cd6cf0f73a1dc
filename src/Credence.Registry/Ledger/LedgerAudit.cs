using System.Globalization;
using Credence.Ledger.Checkpoints;
using Credence.Ledger.Hashing;
using Credence.Ledger.Proofs;
using Credence.Ledger.Tree;

namespace Credence.Registry.Ledger;

/// <summary>
/// Checks a registry's store against its own ledger, offline: recomputes the tree from the stored
/// entries, rebuilds every entry from the row it covers (read back as its domain object, with the
/// writer's own function, <see cref="EntryContent"/>), checks every row the ledger must cover has its
/// entry, and checks each stored checkpoint's signature, root and consistency with the next.
/// </summary>
/// <remarks>
/// Implementation note: it reads through <see cref="ILedgerReader"/> only, in one snapshot, so it
/// audits every store the same way; open the store with <see cref="Storage.StoreChoice.OpenReadOnly"/>
/// and auditing never changes what it audits. Every mismatch is reported with its location; none
/// stops the audit.
/// </remarks>
public static class LedgerAudit
{
    private static readonly (EntryKind Kind, string Table)[] Covered =
    [
        (EntryKind.RecordVersion, "records"),
        (EntryKind.Decision, "decisions"),
        (EntryKind.AccessEvent, "access_log"),
        (EntryKind.CaseStep, "case_steps"),
    ];

    /// <summary>Audits the store at <paramref name="store"/> (opened read-only); an empty list of problems means it is consistent.</summary>
    /// <param name="verifierKey">The operator's checkpoint verifier key; without it, signatures are not checked (and that is reported).</param>
    /// <exception cref="FileNotFoundException">The store's file does not exist.</exception>
    /// <exception cref="InvalidDataException">The store is not a registry the audit can read.</exception>
    public static async Task<LedgerAuditReport> RunAsync(Storage.StoreChoice store, NoteVerifierKey? verifierKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var opened = store.OpenReadOnly();
        await using (opened.ConfigureAwait(false))
        {
            return await opened.ReadAsync(r => Run(r.Ledger, verifierKey), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Audits the ledger as <paramref name="ledger"/> (one read snapshot) shows it; an empty list of problems means it is consistent.</summary>
    /// <param name="verifierKey">The operator's checkpoint verifier key; without it, signatures are not checked (and that is reported).</param>
    public static LedgerAuditReport Run(ILedgerReader ledger, NoteVerifierKey? verifierKey)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var problems = new List<string>();
        var salt = ledger.Salt();
        var size = ledger.Size();
        var tree = new MerkleLog(new MemoryNodeStore());
        for (long i = 0; i < size; i++)
        {
            CheckEntry(ledger, i, salt, tree, problems);
        }

        CheckNodes(ledger, tree, problems);
        CheckCoverage(ledger, problems);
        var checkpoints = CheckCheckpoints(ledger, tree, verifierKey, problems);
        return new LedgerAuditReport(size, checkpoints, verifierKey is not null, problems);
    }

    private static void CheckEntry(ILedgerReader ledger, long index, ReadOnlySpan<byte> salt, MerkleLog tree, List<string> problems)
    {
        var stored = ledger.Entry(index);
        if (stored is null)
        {
            problems.Add($"ledger entry {index}: missing (the indices have a gap)");
            tree.AppendLeafHashes(new byte[MerkleHash.Length]);
            return;
        }

        tree.Append(stored.Bytes);
        if (!MerkleHasher.LeafHash(stored.Bytes).Span.SequenceEqual(stored.LeafHash))
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

        if (!stored.Subject.AsSpan().SequenceEqual(parsed.SubjectCommitment.Span))
        {
            problems.Add($"ledger entry {index}: its subject column is not the commitment in its bytes (the subject would not find it)");
        }

        if (parsed.Format != LedgerEntry.FormatVersion)
        {
            problems.Add($"ledger entry {index}: format version {parsed.Format}, written before entries were built from the domain; it cannot be rebuilt from its row (re-import the registry)");
            return;
        }

        LedgeredRow? row;
        try
        {
            row = ledger.CoveredRow(stored.Kind, stored.RowKey);
        }
        catch (InvalidDataException ex)
        {
            problems.Add($"ledger entry {index}: the {Table(stored.Kind)} row {stored.RowKey} it covers is damaged: {ex.Message}");
            return;
        }

        if (row is null)
        {
            problems.Add($"ledger entry {index}: the {Table(stored.Kind)} row {stored.RowKey} it covers is missing");
            return;
        }

        if (!EntryContent.Entry(row, salt).ToBytes().AsSpan().SequenceEqual(stored.Bytes))
        {
            problems.Add($"ledger entry {index}: the {Table(stored.Kind)} row {stored.RowKey} no longer matches it (the row or the entry was changed)");
        }
    }

    private static void CheckNodes(ILedgerReader ledger, MerkleLog tree, List<string> problems)
    {
        try
        {
            var nodes = new LedgerNodeStore(ledger);
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

            CheckEveryNode(nodes, tree, problems);
        }
        catch (InvalidDataException ex)
        {
            problems.Add($"ledger_nodes: {ex.Message}");
        }
    }

    /// <summary>
    /// Compares every stored node with the tree recomputed from the entries: a proof or a root reads
    /// only some of them, so a changed node off the right edge would otherwise pass until a proof used it.
    /// </summary>
    private static void CheckEveryNode(LedgerNodeStore nodes, MerkleLog tree, List<string> problems)
    {
        const int MostReported = 10;
        Span<byte> stored = stackalloc byte[MerkleHash.Length];
        Span<byte> expected = stackalloc byte[MerkleHash.Length];
        var wrong = 0;
        for (var level = 0; level < 63 && (1L << level) <= tree.Size; level++)
        {
            for (long index = 0; ((index + 1) << level) <= tree.Size; index++)
            {
                nodes.ReadNode(level, index, stored);
                tree.Store.ReadNode(level, index, expected);
                if (!stored.SequenceEqual(expected) && ++wrong <= MostReported)
                {
                    problems.Add($"ledger_nodes: the node at level {level}, index {index} is not the hash recomputed from the entries");
                }
            }
        }

        if (wrong > MostReported)
        {
            problems.Add($"ledger_nodes: {wrong - MostReported} more nodes are not the hashes recomputed from the entries");
        }
    }

    private static void CheckCoverage(ILedgerReader ledger, List<string> problems)
    {
        foreach (var (kind, table) in Covered)
        {
            foreach (var rowKey in ledger.RowsWithoutEntry(kind))
            {
                problems.Add($"{table} row {rowKey}: has no ledger entry");
            }
        }
    }

    private static int CheckCheckpoints(ILedgerReader ledger, MerkleLog tree, NoteVerifierKey? key, List<string> problems)
    {
        var proofs = new ProofBuilder(tree.Store);
        var verifier = key is null ? null : new CheckpointVerifier(key);
        var all = ledger.Checkpoints(0, int.MaxValue);
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
