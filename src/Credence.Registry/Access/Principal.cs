using System.Collections.Immutable;

namespace Credence.Registry.Access;

/// <summary>
/// Who is asking: a registered source, relying party, subject, reviewer, auditor or operator.
/// A source's <see cref="Name"/> is the source id in its records' keys.
/// </summary>
/// <param name="Id">Store id; 0 for the local operator (the command line on the database itself).</param>
/// <param name="Name">Unique name, e.g. <c>intermediate-court</c>.</param>
/// <param name="Role">What it may do.</param>
/// <param name="Subject">For a subject: the canonical identifier it is bound to.</param>
/// <param name="Purpose">For a relying party (and optionally others): the stated purpose of its requests.</param>
/// <param name="RecordTypes">For a source: the record types it may submit.</param>
/// <param name="Capabilities">For a relying party: the capabilities or measure ids it may ask about.</param>
public sealed record Principal(
    long Id,
    string Name,
    Role Role,
    string? Subject,
    string? Purpose,
    ImmutableArray<string> RecordTypes,
    ImmutableArray<string> Capabilities,
    DateTimeOffset CreatedAt)
{
    /// <summary>The operator acting through the command line on the database file: not a stored principal.</summary>
    public static Principal LocalOperator(string name = "local-operator") =>
        new(0, name, Role.Operator, null, null, [], [], DateTimeOffset.UnixEpoch);

    /// <summary>True for principals that exist in the store (the local operator does not).</summary>
    public bool IsStored => Id > 0;

    /// <summary>The role's wire name.</summary>
    public string RoleName => Roles.NameOf(Role);

    /// <summary>True when this source may submit records of <paramref name="type"/>.</summary>
    public bool MaySubmit(string type) => Role == Role.Source && RecordTypes.Contains(type, StringComparer.Ordinal);
}
