using Credence.Core.Intake;

namespace Credence.Registry.Intake;

/// <summary>One line of a submitted body: its number, and either the parsed line or why it could not be parsed.</summary>
public sealed record NumberedLine(int Number, RecordLine? Line, IntakeProblem? Problem);
