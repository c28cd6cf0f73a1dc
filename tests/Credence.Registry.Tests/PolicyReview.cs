using Credence.Registry;
using Credence.Registry.Access;

namespace Credence.Registry.Tests;

/// <summary>The two-person rule in tests: a version is simulated and signed off by a second operator before it is activated.</summary>
internal static class PolicyReview
{
    /// <summary>The operator who signs off in tests: never the uploader.</summary>
    public static Principal SecondOperator { get; } = Principal.LocalOperator("second-operator");

    /// <summary>Simulates <paramref name="tag"/> as stored and has <see cref="SecondOperator"/> sign the report off; returns the report's digest.</summary>
    public static async Task<string> SignOffAsync(this CredenceRegistry registry, string tag)
    {
        var report = (await registry.Simulations.SimulateStoredAsync(Principal.LocalOperator("simulating-operator"), tag, null, null)).GetValueOrThrow();
        (await registry.Simulations.SignOffAsync(SecondOperator, tag, report.Digest)).GetValueOrThrow();
        return report.Digest;
    }
}
