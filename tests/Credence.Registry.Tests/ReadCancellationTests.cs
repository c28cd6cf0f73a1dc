namespace Credence.Registry.Tests;

/// <summary>Use cases that read pass their caller's cancellation down to the store: a cancelled caller's read never runs.</summary>
public sealed class ReadCancellationTests
{
    [Fact]
    public async Task Reads_of_a_cancelled_caller_are_cancelled_and_the_registry_still_answers_others()
    {
        await using var t = await TestRegistry.CreateAsync();
        var auditor = await t.RoleAsync(Access.Role.Auditor, "auditor-a");
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => t.Registry.Scheduler.NextDueAtAsync(cancel.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => t.Registry.Scheduler.AfterAsync(cancel.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => t.Registry.Public.PoliciesAsync(cancel.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => t.Registry.Public.PolicyTextAsync("rongcheng-persons", "2026.1", cancel.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => t.Registry.Decisions.MarkOfAsync(Guid.NewGuid(), cancel.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => t.Registry.Access.ReadLogAsync(auditor, 0, 10, "audit", cancel.Token));

        // Nothing was left half-done: the same reads answer for a caller that is not cancelled.
        Assert.NotEmpty(await t.Registry.Public.PoliciesAsync());
        Assert.True((await t.Registry.Public.PolicyTextAsync("rongcheng-persons", "2026.1")).IsOk);
        Assert.Null(await t.Registry.Decisions.MarkOfAsync(Guid.NewGuid()));
        Assert.True((await t.Registry.Access.ReadLogAsync(auditor, 0, 10, "audit")).IsOk);
    }
}
