using Credence.Registry.Storage;

namespace Credence.Registry.Principals;

/// <summary>
/// Who could act as a principal: the principal itself, every stored principal that issued it a key (the issuer is
/// shown the key once, so it holds it), and, in turn, whoever could act as those issuers. The two-person rule
/// (<see cref="Simulation.SimulationService.TwoPersonRule"/>) refuses a sign-off when one principal could have
/// acted both as the uploader and as the signer.
/// </summary>
/// <remarks>
/// Implementation note: keys the command line issues have no issuer. Whoever runs it works on the store itself and
/// could write any row, so no rule inside the registry can hold them; the command line is where the first keys are
/// handed over, out of band. Every key an operator issues through the API or the portal is recorded with its issuer,
/// revoked keys included (the issuer held the key while it worked), up to the instant the rule is judged at: without
/// that, an operator could register a second operator, sign off its own upload with the key it was shown, and revoke
/// the key before the activation.
/// </remarks>
public static class KeyHolders
{
    /// <summary>The names of every principal that could act as <paramref name="name"/> at <paramref name="until"/>, itself first.</summary>
    public static IReadOnlyList<string> Of(IRegistryReader reader, string name, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var holders = new List<string> { name };
        var seen = new HashSet<string>(StringComparer.Ordinal) { name };
        for (var i = 0; i < holders.Count; i++)
        {
            foreach (var issuer in reader.KeyIssuers(holders[i], until))
            {
                if (seen.Add(issuer))
                {
                    holders.Add(issuer);
                }
            }
        }

        return holders;
    }

    /// <summary>
    /// Why <paramref name="signer"/> may not sign off what <paramref name="uploader"/> uploaded, judged at
    /// <paramref name="until"/>: a sentence naming the principal that could have acted as both, and what would do; null when none could.
    /// </summary>
    public static string? OnePersonCouldActAsBoth(IRegistryReader reader, string uploader, string signer, DateTimeOffset until)
    {
        var ofUploader = Of(reader, uploader, until);
        var ofSigner = Of(reader, signer, until).ToHashSet(StringComparer.Ordinal);

        // The uploader or the signer itself is named before a third principal, when both hold.
        var both = ofSigner.Contains(uploader) ? uploader : ofUploader.Contains(signer, StringComparer.Ordinal) ? signer : ofUploader.FirstOrDefault(ofSigner.Contains);
        if (both is null)
        {
            return null;
        }

        const string Remedy = "; an operator whose keys none of them issued must sign it off";
        return both == uploader && both == signer ? $"{uploader} uploaded it; another operator must sign it off"
            : both == uploader ? $"{uploader} uploaded it and issued a key of {signer} (directly or through an operator it issued a key to), so it could sign it off alone" + Remedy
            : both == signer ? $"{signer} issued a key of its uploader {uploader} (directly or through an operator it issued a key to), so it could have uploaded it itself" + Remedy
            : $"{both} issued keys of both its uploader {uploader} and {signer} (directly or through operators it issued keys to), so it could upload and sign it off alone" + Remedy;
    }
}
