using Credence.App.Grains;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Credence.App.Tests.Grains;

/// <summary>
/// The silo's budget of subject grains on its own (no silo): over any sequence of asks, the grains it keeps are
/// always the most recently used, never more than the budget, and an eviction leaves at least its target.
/// </summary>
public sealed class SubjectBudgetTests
{
    /// <summary>A silo in miniature: a subject asked about is touched if its grain is counted, else activated (the budget may evict).</summary>
    private sealed class Model(int budget, bool deactivateAtOnce)
    {
        private readonly Dictionary<int, SubjectUse> uses = [];
        private readonly List<SubjectUse> leaving = [];

        public SubjectBudget Budget { get; } = new(budget);

        /// <summary>Subjects in the order of their last ask, most recent last.</summary>
        public List<int> Recency { get; } = [];

        public IEnumerable<int> Held => uses.Where(u => !u.Value.Leaving).Select(u => u.Key);

        public void Ask(int subject)
        {
            Recency.Remove(subject);
            Recency.Add(subject);
            if (uses.TryGetValue(subject, out var use) && !use.Leaving)
            {
                Budget.Touch(use);
                return;
            }

            if (use is not null)
            {
                // Asked again while still deactivating: Orleans waits for it to leave, then activates anew.
                Budget.Leave(use);
                leaving.Remove(use);
            }

            SubjectUse? entered = null;
            entered = Budget.Enter(subject.ToString(System.Globalization.CultureInfo.InvariantCulture), () => Evicted(subject));
            uses[subject] = entered;
        }

        /// <summary>The grains asked to leave finish deactivating.</summary>
        public void Settle()
        {
            foreach (var use in leaving)
            {
                Budget.Leave(use);
            }

            foreach (var gone in uses.Where(u => leaving.Contains(u.Value)).Select(u => u.Key).ToList())
            {
                uses.Remove(gone);
            }

            leaving.Clear();
        }

        private void Evicted(int subject)
        {
            var use = uses[subject];
            if (deactivateAtOnce)
            {
                Budget.Leave(use);
                uses.Remove(subject);
            }
            else
            {
                leaving.Add(use);
            }
        }
    }

    [Property(MaxTest = 300)]
    public bool The_held_grains_are_always_the_most_recently_asked_within_the_budget(PositiveInt budgetSeed, int[] asks, bool deactivateAtOnce, int settleEvery)
    {
        var budget = 1 + (budgetSeed.Get % 12);
        var model = new Model(budget, deactivateAtOnce);
        var asked = 0;
        foreach (var ask in asks ?? [])
        {
            var subject = Math.Abs(ask % 40);
            model.Ask(subject);
            if (!deactivateAtOnce && settleEvery != 0 && ++asked % (1 + Math.Abs(settleEvery % 5)) == 0)
            {
                model.Settle();
            }

            var held = model.Held.ToHashSet();
            var recent = model.Recency.TakeLast(held.Count).ToHashSet();
            if (held.Count > budget || !held.SetEquals(recent) || !held.Contains(subject) || held.Count != model.Budget.Counted
                || held.Count < Math.Min(model.Budget.Target, model.Recency.Count))
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public void Going_over_the_budget_evicts_the_least_recently_used_down_to_the_target_in_one_pass()
    {
        var model = new Model(16, deactivateAtOnce: true);
        for (var s = 0; s < 16; s++)
        {
            model.Ask(s);
        }

        // 0 and 1 used again: they are now the most recent.
        model.Ask(0);
        model.Ask(1);
        Assert.Equal(0, model.Budget.Evictions);
        model.Ask(16);

        // 17 counted, target 14: the three least recently used (2, 3, 4) leave, at once.
        Assert.Equal(14, model.Budget.Target);
        Assert.Equal(3, model.Budget.Evictions);
        Assert.Equal([0, 1, .. Enumerable.Range(5, 12)], model.Held.Order());

        // The next asks fit under the budget again without another pass.
        model.Ask(17);
        model.Ask(18);
        Assert.Equal(3, model.Budget.Evictions);
    }

    [Fact]
    public void A_grain_asked_to_leave_stops_counting_at_once_and_is_never_asked_twice()
    {
        var asked = new Dictionary<string, int>(StringComparer.Ordinal);
        var budget = new SubjectBudget(2);
        var uses = Enumerable.Range(0, 10).Select(i => budget.Enter("s" + i, () => asked["s" + i] = asked.GetValueOrDefault("s" + i) + 1)).ToList();

        // None deactivated yet (Orleans deactivates on its own schedule), yet the count is back under the budget.
        Assert.True(budget.Counted <= 2);
        Assert.All(asked.Values, n => Assert.Equal(1, n));
        Assert.Equal(8, asked.Count);
        Assert.DoesNotContain("s9", asked.Keys);

        // When they do leave, nothing is counted twice.
        foreach (var use in uses)
        {
            budget.Leave(use);
        }

        Assert.Equal(0, budget.Counted);
    }

    [Fact]
    public void A_grain_collected_when_idle_leaves_its_place_to_another()
    {
        var evicted = 0;
        var budget = new SubjectBudget(1);
        var first = budget.Enter("a", () => evicted++);
        budget.Leave(first);
        budget.Enter("b", () => evicted++);
        Assert.Equal(0, evicted);
        Assert.Equal(1, budget.Counted);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(SubjectBudget.MaxBudget + 1)]
    public void A_budget_out_of_range_is_refused(int budget) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SubjectBudget(budget));

    [Theory]
    [InlineData(null, SubjectBudget.DefaultBudget)]
    [InlineData("1", 1)]
    [InlineData(" 20000 ", 20_000)]
    [InlineData("10000000", SubjectBudget.MaxBudget)]
    public void The_budget_is_configured_as_a_count(string? text, int expected) =>
        Assert.Equal(expected, SubjectGrains.Budget(text));

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("-50000")]
    [InlineData("+50000")]
    [InlineData("ten")]
    [InlineData("五万")]
    [InlineData("５００００")]
    [InlineData("50,000")]
    [InlineData("50 000")]
    [InlineData("5e4")]
    [InlineData("50000.0")]
    [InlineData("0x10")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("10000001")]
    [InlineData("99999999999")]
    public void A_budget_that_is_no_count_or_out_of_range_is_refused_in_one_line_naming_its_key(string text)
    {
        var refused = Assert.Throws<ArgumentException>(() => SubjectGrains.Budget(text));
        Assert.StartsWith(SubjectGrains.BudgetKey + " '" + text + "' is not a count", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }
}
