using System.Diagnostics.Metrics;
using Credence.App.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace Credence.App.Tests.Grains;

/// <summary>
/// A silo with a budget of subject grains: asked about more subjects than the budget, it keeps at most the budget
/// active (by its own count and by Orleans'), the most recently used; an evicted subject is decided again from the
/// store, stored and ledgered, and a record written while it was evicted is in its next decision.
/// </summary>
public sealed class SubjectBudgetSiloTests
{
    private const int Budget = 8;

    private static async Task SettledAsync(BudgetSilo silo, string what)
    {
        // Settled: every grain asked to leave has left, by this silo's count and by Orleans' own.
        await BudgetSilo.EventuallyAsync(async () => silo.Active.Count <= Budget && await silo.OrleansCountAsync() == silo.Active.Count, what);
        Assert.True(silo.Active.Budget.Counted <= Budget);
    }

    [Fact]
    public async Task Asked_about_more_subjects_than_the_budget_a_silo_keeps_the_most_recently_used_and_decides_the_others_from_the_store()
    {
        await using var silo = await BudgetSilo.StartAsync(Budget.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var subjects = Enumerable.Range(0, Budget + 13).Select(BudgetSilo.Person).ToArray();

        // Every third subject is a judgment defaulter before anyone asks.
        for (var i = 0; i < subjects.Length; i += 3)
        {
            await silo.DefaulterAsync(subjects[i], "D-" + i);
        }

        string Expected(int i) => i % 3 == 0 ? "Denied" : "Allowed";
        for (var i = 0; i < subjects.Length; i++)
        {
            Assert.Equal(Expected(i), await silo.DecideAsync(subjects[i]));

            // Subject 0 is asked about again and again: always the most recently used but one, never evicted.
            Assert.Equal("Denied", await silo.DecideAsync(subjects[0]));
        }

        await SettledAsync(silo, "the silo did not come down to its budget");
        Assert.True(silo.Active.Budget.Evictions >= subjects.Length - Budget);

        // The survivors are the most recently used: subject 0 and the last ones asked about.
        var target = silo.Active.Budget.Target;
        Assert.True(silo.Active.IsActive(subjects[0]));
        foreach (var recent in subjects[^(target - 1)..])
        {
            Assert.True(silo.Active.IsActive(recent), $"{recent}, among the {target - 1} most recently asked about, was evicted");
        }

        foreach (var old in subjects[1..^Budget])
        {
            Assert.False(silo.Active.IsActive(old), $"{old}, among the least recently asked about, is still active");
        }

        // Evicted subjects are decided again, correctly, and each decision is stored and ledgered.
        var before = silo.Active.Activations;
        for (var i = 1; i < subjects.Length - Budget; i++)
        {
            var decision = (await silo.Grains.GetGrain<ISubjectGrain>(subjects[i]).Decide(DecisionAsk.Of(silo.Rail, subjects[i], BudgetSilo.Ticket))).Outcome().GetValueOrThrow();
            Assert.Equal(Expected(i), decision.Answer.ToString());
            Assert.NotNull(decision.LedgerIndex);
        }

        Assert.True(silo.Active.Activations >= before + subjects.Length - Budget - 1, "an evicted subject was answered without a new activation");
        await SettledAsync(silo, "the silo did not come down to its budget after the evicted subjects were asked again");

        // What an operator reads at /metrics says the same.
        var metrics = Measure(silo);
        Assert.Equal(silo.Active.Count, metrics["credence.subject_grains.active"]);
        Assert.Equal(Budget, metrics["credence.subject_grains.budget"]);
        Assert.Equal(silo.Active.Budget.Evictions, metrics["credence.subject_grains.evicted"]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-8")]
    [InlineData("eight")]
    [InlineData("八")]
    public async Task A_silo_configured_with_a_budget_that_is_no_count_does_not_start_and_says_why(string budget)
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => BudgetSilo.StartAsync(budget));
        Assert.StartsWith(SubjectGrains.BudgetKey + " '" + budget + "'", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>The subject grain instruments of this silo's host (not another test's), read once.</summary>
    private static Dictionary<string, long> Measure(BudgetSilo silo)
    {
        var factory = silo.Host.Services.GetRequiredService<IMeterFactory>();
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name.StartsWith("credence.subject_grains.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }

    [Fact]
    public async Task A_record_written_while_a_subject_was_evicted_is_in_its_next_decision()
    {
        await using var silo = await BudgetSilo.StartAsync(Budget.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var x = BudgetSilo.Person(500);
        var y = BudgetSilo.Person(501);
        Assert.Equal("Allowed", await silo.DecideAsync(x));
        await silo.DefaulterAsync(y, "Y-1");
        Assert.Equal("Denied", await silo.DecideAsync(y));

        // Both held; then enough other subjects to evict them.
        foreach (var other in Enumerable.Range(0, Budget * 2).Select(BudgetSilo.Person))
        {
            await silo.DecideAsync(other);
        }

        await BudgetSilo.EventuallyAsync(() => Task.FromResult(!silo.Active.IsActive(x) && !silo.Active.IsActive(y)), "x and y were not evicted");
        await SettledAsync(silo, "the silo did not come down to its budget");

        // Written while no grain holds them: their next decisions read the store.
        await silo.DefaulterAsync(x, "X-1");
        await silo.DefaulterAsync(y, "Y-1", version: 2, action: "withdrawn");
        Assert.Equal("Denied", await silo.DecideAsync(x));
        Assert.Equal("Allowed", await silo.DecideAsync(y));

        // And held again, a write reaches them as before.
        await silo.DefaulterAsync(x, "X-1", version: 2, action: "withdrawn");
        Assert.Equal("Allowed", await silo.DecideAsync(x));
    }

    [Fact]
    public async Task Under_concurrent_asks_and_writes_no_decision_answers_from_a_file_older_than_an_acknowledged_write()
    {
        await using var silo = await BudgetSilo.StartAsync("4");
        var subjects = Enumerable.Range(0, 24).Select(BudgetSilo.Person).ToArray();

        // Rounds: every subject asked about at once (evicting each other), then half of them written, then all asked again.
        for (var round = 1; round <= 3; round++)
        {
            await Task.WhenAll(subjects.Select(s => silo.DecideAsync(s)));
            var written = subjects.Where((_, i) => (i + round) % 2 == 0).ToArray();
            foreach (var s in written)
            {
                await silo.DefaulterAsync(s, $"R-{round}-{s}");
            }

            var answers = await Task.WhenAll(subjects.Select(async s => (Subject: s, Outcome: await silo.DecideAsync(s))));
            foreach (var (subject, outcome) in answers)
            {
                var direct = (await silo.Registry.Decisions.DecideAsync(silo.Rail, subject, BudgetSilo.Ticket)).GetValueOrThrow().Answer.ToString();
                Assert.Equal(direct, outcome);
            }
        }

        await BudgetSilo.EventuallyAsync(async () => silo.Active.Count <= 4 && await silo.OrleansCountAsync() <= 4, "the silo did not come down to its budget");
    }
}
