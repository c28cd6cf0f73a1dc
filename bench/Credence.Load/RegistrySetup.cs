using Credence.Demo;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Principals;

namespace Credence.Load;

/// <summary>What a benchmark's registry needs before intake: the keys it issued.</summary>
/// <param name="Sources">Each city source's principal (for in-process intake) by source id.</param>
/// <param name="SourceKeys">Each city source's key (for intake over HTTP) by source id.</param>
/// <param name="RelyingPartyKey">A relying party's key allowed the G-train ticket measure.</param>
internal sealed record RegistryKeys(IReadOnlyDictionary<string, Principal> Sources, IReadOnlyDictionary<string, string> SourceKeys, string RelyingPartyKey);

/// <summary>
/// Prepares a registry for a benchmark the way an operator would: the two sample policies uploaded,
/// simulated, signed off by a second operator and activated; a key for each of the city's sources and
/// one for a relying party selling G-series train tickets.
/// </summary>
internal static class RegistrySetup
{
    public static async Task<RegistryKeys> PrepareAsync(CredenceRegistry registry, IEnumerable<CitySource> citySources)
    {
        var policies = Path.Combine(AppContext.BaseDirectory, "policies");
        var op = Principal.LocalOperator("load-operator");
        foreach (var file in new[] { "rongcheng-persons.yaml", "organisations.yaml" })
        {
            var upload = (await registry.Policies.UploadAsync(op, await File.ReadAllTextAsync(Path.Combine(policies, file)), file)).GetValueOrThrow();

            // The two-person rule: simulated, and signed off by a second operator, before activation.
            var report = (await registry.Simulations.SimulateStoredAsync(op, upload.Policy.Tag, null, null)).GetValueOrThrow();
            (await registry.Simulations.SignOffAsync(Principal.LocalOperator("bench-second-operator"), upload.Policy.Tag, report.Digest)).GetValueOrThrow();
            (await registry.Policies.ActivateAsync(op, upload.Policy.Tag)).GetValueOrThrow();
        }

        var sources = new Dictionary<string, Principal>(StringComparer.Ordinal);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in citySources)
        {
            var issued = (await registry.Principals.CreateKeyAsync(op, new PrincipalRegistration(Role.Source, s.Id, RecordTypes: s.RecordTypes))).GetValueOrThrow();
            sources[s.Id] = issued.Principal;
            keys[s.Id] = issued.Key;
        }

        var rp = (await registry.Principals.CreateKeyAsync(op, new PrincipalRegistration(Role.RelyingParty, "railway-ticketing", Capabilities: ["rail.g-train.ticket"], Purpose: "selling G-series train tickets"))).GetValueOrThrow();
        return new RegistryKeys(sources, keys, rp.Key);
    }
}
