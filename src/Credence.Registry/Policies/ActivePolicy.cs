using Credence.Core.Policies;
using Credence.Core.Scoring;

namespace Credence.Registry.Policies;

/// <summary>The policy governing a kind of subject at an instant, compiled once per version.</summary>
public sealed record ActivePolicy(PolicyActivation Activation, CompiledPolicy Compiled)
{
    /// <summary>The version tag every outcome under this policy records.</summary>
    public string Tag => Activation.Tag;

    public Policy Policy => Compiled.Policy;
}
