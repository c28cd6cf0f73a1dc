using Credence.Registry.DueProcess.Evidence;
using Credence.Storage.Tests.Fixture;

namespace Credence.Storage.Tests.Contract;

/// <summary>
/// Disputes' evidence files: kept beside their dispute with their bytes exactly (every byte value, a
/// 5 MiB file), listed in number order without their bytes, and none for another dispute; a file
/// numbered twice in one dispute is refused and rolls back its unit of work.
/// </summary>
public abstract class DisputeEvidenceRows(StoreKind kind) : StoreContract(kind)
{
    [Fact]
    public async Task Evidence_reads_back_byte_for_byte_in_number_order_and_only_for_its_dispute()
    {
        var every = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var large = new byte[EvidenceRules.MaxBytes];
        new Random(7).NextBytes(large);
        await WriteAsync(w =>
        {
            w.InsertDispute(Rows.Dispute("d-1", Ids.Bob, "court", Start, Start.AddDays(30)));
            w.InsertDispute(Rows.Dispute("d-2", Ids.Alice, "court", Start, Start.AddDays(30)));
            w.InsertEvidence(Evidence("d-1", 2, "scan.png", "image/png", large), large);
            w.InsertEvidence(Evidence("d-1", 1, "法院判决书.pdf", "application/pdf", every), every);
        });

        var listed = await ReadAsync(r => r.DisputeEvidence("d-1"));
        Assert.Equal([1, 2], listed.Select(e => e.Number));
        Assert.Equal(Evidence("d-1", 1, "法院判决书.pdf", "application/pdf", every), listed[0]);
        Assert.Equal(Evidence("d-1", 2, "scan.png", "image/png", large), listed[1]);
        Assert.Equal(every, await ReadAsync(r => r.EvidenceContent("d-1", 1)));
        Assert.Equal(large, await ReadAsync(r => r.EvidenceContent("d-1", 2)));
        Assert.Empty(await ReadAsync(r => r.DisputeEvidence("d-2")));
        Assert.Empty(await ReadAsync(r => r.DisputeEvidence("nope")));
        Assert.Null(await ReadAsync(r => r.EvidenceContent("d-2", 1)));
        Assert.Null(await ReadAsync(r => r.EvidenceContent("d-1", 3)));
    }

    [Fact]
    public async Task A_number_used_twice_in_a_dispute_is_refused_and_its_unit_changes_nothing()
    {
        await WriteAsync(w =>
        {
            w.InsertDispute(Rows.Dispute("d-1", Ids.Bob, "court", Start, Start.AddDays(30)));
            w.InsertEvidence(Evidence("d-1", 1, "a.pdf", "application/pdf", [1]), new byte[] { 1 });
        });

        await Assert.ThrowsAnyAsync<Exception>(() => WriteAsync(w =>
        {
            w.InsertEvidence(Evidence("d-1", 2, "b.pdf", "application/pdf", [2]), new byte[] { 2 });
            w.InsertEvidence(Evidence("d-1", 1, "c.pdf", "application/pdf", [3]), new byte[] { 3 });
        }));

        Assert.Equal(["a.pdf"], (await ReadAsync(r => r.DisputeEvidence("d-1"))).Select(e => e.Name));
        Assert.Equal([1], await ReadAsync(r => r.EvidenceContent("d-1", 1)));
    }

    private static StoredEvidence Evidence(string dispute, int number, string name, string type, byte[] content) =>
        new(dispute, number, name, type, content.Length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), Start.AddMinutes(number), "subject-" + number);
}
