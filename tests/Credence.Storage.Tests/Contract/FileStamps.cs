using Credence.Core.DueProcess;
using Credence.Registry.DueProcess;
using Credence.Registry.Storage;
using Credence.Storage.Tests.Fixture;

namespace Credence.Storage.Tests.Contract;

/// <summary>
/// A writer's answer to "is the file this earlier unit read still the subject's file?"
/// (<see cref="IRegistryWriter.FileUnchangedSince"/>), which lets a subject's grain answer a decision from a
/// file held in memory: every way a subject's records, disputes and repairs can change, by this process or by
/// another on the same database, makes it false; what changes no file (a decision, an access event, another
/// subject's rows) leaves it true; and whenever the writer cannot be sure, it is false.
/// </summary>
public abstract class FileStamps(StoreKind kind) : StoreContract(kind)
{
    private Task<FileStamp> StampAsync() => WriteAsync(w => w.FileStamp);

    private Task<bool> UnchangedAsync(string subject, FileStamp stamp, IRegistryStore? store = null) =>
        (store ?? Store).WriteAsync(w => w.FileUnchangedSince(Rows.Subject(subject), stamp));

    private async Task<bool> UnchangedAfterAsync(string subject, Action<IRegistryWriter> change)
    {
        var stamp = await StampAsync();
        await WriteAsync(change);
        return await UnchangedAsync(subject, stamp);
    }

    [Fact]
    public async Task A_file_is_unchanged_while_only_decisions_access_events_and_other_subjects_rows_are_written()
    {
        await WriteAsync(w => w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "B-1")));
        var stamp = await StampAsync();
        Assert.NotEqual(default, stamp);

        await WriteAsync(w => w.InsertDecision(ReadModels.Decision(Ids.Bob, Start, Guid.CreateVersion7(Start))));
        await WriteAsync(w => w.AppendAccess(Rows.Access("railway", Start, Ids.Bob)));
        await WriteAsync(w => w.TryInsertRecord(Rows.Record(Ids.Alice, "court", "A-1")));
        await WriteAsync(w => w.InsertDispute(Rows.Dispute("d-a", Ids.Alice, "court", Start, Start.AddDays(30))));
        await WriteAsync(w => w.InsertCaseStep(new CaseStep(0, Start, "d-a", CaseStep.Dispute, "opened", null, "subject", Ids.Alice, "court/R-d-a", "")));

        Assert.True(await UnchangedAsync(Ids.Bob, stamp));
        Assert.False(await UnchangedAsync(Ids.Alice, stamp));

        // Asked twice, the answer does not change itself.
        Assert.True(await UnchangedAsync(Ids.Bob, stamp));
    }

    [Fact]
    public async Task Every_change_to_a_subjects_records_disputes_or_repairs_marks_its_file()
    {
        await WriteAsync(w => w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "B-1")));

        Assert.False(await UnchangedAfterAsync(Ids.Bob, w => w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "B-2"))));
        Assert.False(await UnchangedAfterAsync(Ids.Bob, w => w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "B-1", version: 2, note: "corrected"))));
        Assert.False(await UnchangedAfterAsync(Ids.Bob, w => w.TryInsertRecords([.. Enumerable.Range(0, 40).Select(i => Rows.Record(i == 17 ? Ids.Bob : Ids.Person(i), "tax", "T-" + i))])));
        Assert.False(await UnchangedAfterAsync(Ids.Bob, w => w.InsertDispute(Rows.Dispute("d-1", Ids.Bob, "court", Start, Start.AddDays(30)))));
        Assert.False(await UnchangedAfterAsync(Ids.Bob, w => w.UpdateDispute(Rows.Dispute("d-1", Ids.Bob, "court", Start, Start.AddDays(30), DisputeState.Upheld, Start.AddDays(1)))));
        Assert.False(await UnchangedAfterAsync(Ids.Bob, w => w.InsertRepair(Rows.Repair("r-1", Ids.Bob, Start, null))));
        Assert.False(await UnchangedAfterAsync(Ids.Bob, w => w.GrantRepair("r-1", Start.AddDays(2))));
        Assert.False(await UnchangedAfterAsync(Ids.Bob, w => w.InsertCaseStep(new CaseStep(0, Start, "r-1", CaseStep.Repair, "granted", null, "registry", Ids.Bob, "court/R-r-1", ""))));

        // A version already stored is not inserted again, and changes nothing.
        Assert.True(await UnchangedAfterAsync(Ids.Bob, w => Assert.False(w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "B-2")))));
    }

    [Fact]
    public async Task A_change_later_in_the_same_transaction_marks_a_file_read_earlier_in_it()
    {
        FileStamp read = default;
        var gate = new TaskCompletionSource();
        var holding = Store.WriteAsync(w =>
        {
            gate.Task.Wait();
            return true;
        });
        var first = Store.WriteAsync(w => read = w.FileStamp);
        var second = Store.WriteAsync(w => w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "B-1")));
        var third = Store.WriteAsync(w => w.FileUnchangedSince(Rows.Subject(Ids.Bob), read));
        gate.SetResult();
        await Task.WhenAll(holding, first, second);
        Assert.False(await third);
    }

    [Fact]
    public async Task A_rolled_back_unit_marks_every_file()
    {
        await WriteAsync(w => w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "B-1")));
        var stamp = await StampAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.WriteAsync<bool>(w =>
        {
            w.TryInsertRecord(Rows.Record(Ids.Alice, "court", "A-1"));
            throw new InvalidOperationException("refused");
        }));

        // Bob's file did not change, but the writer cannot be sure of what a failed transaction touched on every
        // store: a file read before is read again (a cost, never a stale answer). One read after is current.
        Assert.False(await UnchangedAsync(Ids.Alice, stamp));
        var after = await StampAsync();
        Assert.True(await UnchangedAsync(Ids.Bob, after));
        Assert.True(await UnchangedAsync(Ids.Alice, after));
    }

    [Fact]
    public async Task No_stamp_from_outside_the_writer_or_from_another_writer_is_taken()
    {
        await WriteAsync(w => w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "B-1")));
        Assert.False(await UnchangedAsync(Ids.Bob, default));

        await using var other = StoreFactory.Open(Kind, Test.Location, Wall);
        var theirs = await other.WriteAsync(w => w.FileStamp);
        Assert.False(await UnchangedAsync(Ids.Bob, theirs));
        var ours = await StampAsync();
        Assert.False(await UnchangedAsync(Ids.Bob, ours, other));
        Assert.False(await UnchangedAsync(Ids.Bob, ours with { Position = ours.Position + 1 }));
        Assert.True(await UnchangedAsync(Ids.Bob, ours));
    }

    [Fact]
    public async Task Another_process_changing_a_file_marks_it_for_this_writer()
    {
        await using var other = StoreFactory.Open(Kind, Test.Location, Wall);
        await WriteAsync(w =>
        {
            w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "B-1"));
            w.TryInsertRecord(Rows.Record(Ids.Alice, "court", "A-1"));
        });

        // A record version by the other process.
        var stamp = await StampAsync();
        await other.WriteAsync(w => w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "B-2")));
        Assert.False(await UnchangedAsync(Ids.Bob, stamp));

        // A dispute opened by the other process, stored with its case step as every use case stores it.
        stamp = await StampAsync();
        await other.WriteAsync(w =>
        {
            w.InsertDispute(Rows.Dispute("d-1", Ids.Bob, "court", Start, Start.AddDays(30)));
            return w.InsertCaseStep(new CaseStep(0, Start, "d-1", CaseStep.Dispute, "opened", null, "subject", Ids.Bob, "court/R-d-1", ""));
        });
        Assert.False(await UnchangedAsync(Ids.Bob, stamp));

        // A decision by the other process changes no file. PostgreSQL's writer learns which subjects the
        // other process changed from the ledger and keeps the rest; SQLite's learns only that another
        // connection committed, and marks every file.
        stamp = await StampAsync();
        await other.WriteAsync(w =>
        {
            w.InsertDecision(ReadModels.Decision(Ids.Alice, Start, Guid.CreateVersion7(Start)));
            return true;
        });
        await other.WriteAsync(w => w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "B-3")));
        Assert.False(await UnchangedAsync(Ids.Bob, stamp));
        Assert.Equal(Kind == StoreKind.Postgres, await UnchangedAsync(Ids.Alice, stamp));
        Assert.Empty(Test.AuditLedger());
    }
}
