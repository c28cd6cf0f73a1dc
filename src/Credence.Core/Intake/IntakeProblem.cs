namespace Credence.Core.Intake;

/// <summary>
/// Why a submitted record was refused. <see cref="Type"/> is a stable code that the HTTP layer turns
/// into a problem-details <c>type</c> and the CLI prints first: <c>malformed-json</c>,
/// <c>missing-field</c>, <c>invalid-identifier</c>, <c>bad-instant</c>, <c>future-instant</c>,
/// <c>bad-value</c>, <c>control-character</c>, <c>invisible-character</c>, <c>before-subject-existed</c>, <c>unknown-record-type</c>, <c>area-mismatch</c>, <c>missing-legal-basis</c>,
/// <c>subject-kind-mismatch</c>, <c>protected-matter</c>.
/// </summary>
public sealed record IntakeProblem(string Type, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Type}: {Message}";
}
