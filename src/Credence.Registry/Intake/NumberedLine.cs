using Credence.Core.Intake;

namespace Credence.Registry.Intake;

/// <summary>One line of a submitted body: its number, and either the parsed line or why it could not be parsed.</summary>
public sealed record NumberedLine(int Number, RecordLine? Line, IntakeProblem? Problem)
{
    /// <summary>Parsed lines numbered from 1, as the lines of one batch.</summary>
    public static NumberedLine[] All(IReadOnlyList<RecordLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var numbered = new NumberedLine[lines.Count];
        for (var i = 0; i < numbered.Length; i++)
        {
            numbered[i] = new NumberedLine(i + 1, lines[i], null);
        }

        return numbered;
    }
}
