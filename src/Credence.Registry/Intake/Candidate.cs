using Credence.Core.Records;
using Credence.Registry.Policies;

namespace Credence.Registry.Intake;

/// <summary>A line that passed every check that does not need the store, waiting for the writer.</summary>
internal sealed record Candidate(int Index, int Line, Record Record, ActivePolicy Policy);
