using System.Collections.Immutable;
using Credence.Registry.Storage;

namespace Credence.Registry.State;

/// <summary>
/// The registry over a period of UTC days, for the operator's dashboard: list sizes at the end of
/// each day, lines taken in per source and day by fate, decisions per day, measure and outcome.
/// </summary>
/// <param name="First">The period's first day (UTC).</param>
/// <param name="Last">The period's last day (UTC), included.</param>
/// <param name="EndsAtLastIntake">
/// True when no period was asked for and nothing was taken in during the days up to today, so the
/// period ends on the day of the last intake instead (a quiet registry still shows its last activity).
/// </param>
/// <param name="LastIntakeAt">The newest batch's instant, if any.</param>
public sealed record RegistrySeries(
    DateTimeOffset AsOf,
    DateOnly First,
    DateOnly Last,
    bool EndsAtLastIntake,
    DateTimeOffset? LastIntakeAt,
    ImmutableArray<ListSeries> Lists,
    ImmutableArray<IntakeDay> Intake,
    ImmutableArray<DecisionDay> Decisions)
{
    /// <summary>The period's days, oldest first.</summary>
    public IEnumerable<DateOnly> Days => Enumerable.Range(0, Last.DayNumber - First.DayNumber + 1).Select(First.AddDays);
}
