using System.Collections.Immutable;
using Credence.Registry.Access;
using Credence.Registry.Storage;

namespace Credence.Registry.State;

/// <summary>
/// The registry over time for operators and auditors (the dashboard's charts, <c>GET /v1/summary/series</c>):
/// from the store's read models, never from a scan of the records in the page's time.
/// </summary>
public sealed class SeriesService(IRegistryStore store, TimeProvider clock, AccessRecorder access, StateService state)
{
    /// <summary>The longest period, in days.</summary>
    public const int MaxDays = 366;

    /// <summary>The period when none is asked for, in days.</summary>
    public const int DefaultDays = 30;

    private const string Action = "summary.series";

    /// <summary>
    /// The <paramref name="days"/> UTC days ending on <paramref name="last"/> (today by default; when
    /// nothing was taken in during the default period, the day of the last intake).
    /// </summary>
    public async Task<Outcome<RegistrySeries>> SeriesAsync(Principal by, DateOnly? last, int? days, CancellationToken cancellationToken = default)
    {
        if (await access.RequireAsync(by, Action, null, cancellationToken, Role.Operator, Role.Auditor).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var span = days ?? DefaultDays;
        if (span is < 1 or > MaxDays)
        {
            return new RegistryProblem(ProblemTypes.BadValue, $"days is from 1 to {MaxDays}", "days");
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (last is { } asked && (asked > today || asked.DayNumber - span + 1 < DateOnly.MinValue.DayNumber + 1))
        {
            return new RegistryProblem(ProblemTypes.BadValue, $"the period ends today ({today:yyyy-MM-dd}) at the latest", "to");
        }

        await state.RefreshAsync(cancellationToken).ConfigureAwait(false);
        await access.RecordAsync(AccessEvent.By(by, now, Action, null, null, detail: $"{span} days to {(last is { } l ? l.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "today")}"), cancellationToken).ConfigureAwait(false);
        var series = await store.ReadAsync(r =>
        {
            var end = last ?? today;
            var lastIntake = r.LastIntakeAt();
            var quiet = last is null && lastIntake is { } li && DateOnly.FromDateTime(li.UtcDateTime) is var lastDay && lastDay.DayNumber <= today.DayNumber - span;
            if (quiet)
            {
                end = DateOnly.FromDateTime(lastIntake!.Value.UtcDateTime);
            }

            var first = end.AddDays(1 - span);
            var from = Start(first);
            var to = Start(end.AddDays(1));
            return new RegistrySeries(now, first, end, quiet, lastIntake, Sizes(r.ListSpans(first, end), first, span), [.. r.IntakeByDay(from, to)], [.. r.DecisionsByDay(from, to)]);
        }, cancellationToken).ConfigureAwait(false);
        return series;
    }

    private static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Adds the spans up into one size per day and list (a running sum of the spans' starts and ends).</summary>
    private static ImmutableArray<ListSeries> Sizes(IReadOnlyList<ListSpan> spans, DateOnly first, int days) =>
    [
        .. spans.GroupBy(s => (s.PolicyTag, s.List)).OrderBy(g => g.Key.PolicyTag, StringComparer.Ordinal).ThenBy(g => g.Key.List, StringComparer.Ordinal).Select(g =>
        {
            var change = new long[days + 1];
            foreach (var s in g)
            {
                change[s.First.DayNumber - first.DayNumber] += s.Listings;
                change[s.End.DayNumber - first.DayNumber] -= s.Listings;
            }

            var sizes = new long[days];
            var running = 0L;
            for (var i = 0; i < days; i++)
            {
                running += change[i];
                sizes[i] = running;
            }

            return new ListSeries(g.Key.PolicyTag, g.Key.List, [.. sizes]);
        }),
    ];
}
