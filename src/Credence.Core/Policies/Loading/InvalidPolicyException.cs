using System.Collections.Immutable;
using Credence.Core.Policies.Validation;

namespace Credence.Core.Policies.Loading;

/// <summary>Thrown by <see cref="PolicyLoadResult.EnsureValid"/>: the policy was refused, for these reasons.</summary>
public sealed class InvalidPolicyException : Exception
{
    public InvalidPolicyException(ImmutableArray<PolicyProblem> problems)
        : base(problems.IsDefaultOrEmpty
            ? "the policy was refused"
            : $"the policy was refused:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}")
    {
        Problems = problems.IsDefault ? [] : problems;
    }

    public InvalidPolicyException()
        : this([])
    {
    }

    public InvalidPolicyException(string message)
        : base(message)
    {
        Problems = [];
    }

    public InvalidPolicyException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    /// <summary>Every reason the policy was refused.</summary>
    public ImmutableArray<PolicyProblem> Problems { get; }
}
