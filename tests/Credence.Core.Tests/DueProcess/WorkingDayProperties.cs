using Credence.Core.DueProcess;
using FsCheck.Xunit;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.DueProcess;

public class WorkingDayProperties
{
    [Property]
    public bool Revocation_falls_on_a_weekday_three_to_five_days_later(ushort minutes)
    {
        var found = T0.AddMinutes(minutes * 7);
        var due = DisputeDeadlines.RevocationDue(found);
        var days = (due - found).TotalDays;
        return WorkingDays.IsWeekday(DateOnly.FromDateTime(due.UtcDateTime)) && days >= 3 && days <= 5;
    }
}
