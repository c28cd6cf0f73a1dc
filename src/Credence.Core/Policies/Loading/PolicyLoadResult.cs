using System.Collections.Immutable;
using Credence.Core.Policies.Validation;

namespace Credence.Core.Policies.Loading;

/// <summary>
/// The outcome of loading a policy: the policy when it read cleanly and passed validation, and
/// every problem found otherwise.
/// </summary>
/// <param name="Policy">The policy, or null when there is any problem.</param>
/// <param name="Problems">Every problem found, in the order of the text.</param>
/// <param name="SourceMap">Where each part of the policy was written, when the text could be parsed.</param>
public sealed record PolicyLoadResult(Policy? Policy, ImmutableArray<PolicyProblem> Problems, PolicySourceMap? SourceMap)
{
    /// <summary>True when the policy loaded and passed every rule.</summary>
    public bool IsValid => Policy is not null && Problems.IsEmpty;

    /// <summary>The policy, or an <see cref="InvalidPolicyException"/> listing every problem.</summary>
    public Policy EnsureValid() => IsValid ? Policy! : throw new InvalidPolicyException(Problems);
}
