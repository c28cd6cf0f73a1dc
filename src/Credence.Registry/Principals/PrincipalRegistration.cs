using Credence.Registry.Access;

namespace Credence.Registry.Principals;

/// <summary>What the operator says about a new principal (or a new key for an existing one).</summary>
/// <param name="Role">Its role.</param>
/// <param name="Name">Its unique name; a source's name is the source id in its records' keys.</param>
/// <param name="RecordTypes">For a source: the record types it may submit (at least one).</param>
/// <param name="Capabilities">For a relying party: the capabilities or measure ids it may ask about (at least one).</param>
/// <param name="Purpose">For a relying party: its stated purpose (required); optional for others.</param>
/// <param name="Subject">For a subject: its identifier.</param>
public sealed record PrincipalRegistration(
    Role Role,
    string Name,
    IReadOnlyList<string>? RecordTypes = null,
    IReadOnlyList<string>? Capabilities = null,
    string? Purpose = null,
    string? Subject = null);
