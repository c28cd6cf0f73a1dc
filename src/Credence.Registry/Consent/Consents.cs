using Credence.Registry.Policies;
using Credence.Registry.Storage;

namespace Credence.Registry.Consent;

/// <summary>The consent every evaluation passes to the engine: the subject's stored consent in force at the instant.</summary>
/// <remarks>
/// Implementation note: under a policy that does not require consent the engine ignores it, so the
/// store is not asked (intake under such a policy pays nothing for consent); the answer is then
/// false, which is what the engine would be told for a subject that never consented.
/// </remarks>
internal static class Consents
{
    public static bool At(IRegistryReader reader, ActivePolicy policy, string subject, DateTimeOffset at) =>
        policy.Policy.ConsentRequired && reader.ConsentAt(subject, at);
}
