using Credence.Core.Policies.Validation;
using YamlDotNet.RepresentationModel;

namespace Credence.Core.Policies.Loading;

/// <summary>Reads matter names, refusing protected matters with their reason and others as unknown.</summary>
internal static class MatterNames
{
    public static Matter? Read(string? name, string path, YamlNode node, LoadContext ctx, string owner)
    {
        if (name is null)
        {
            return null;
        }

        if (Matters.TryParse(name, out var matter))
        {
            return matter;
        }

        if (ProtectedMatters.Find(name) is { } p)
        {
            ctx.Report(PolicyRules.ProtectedMatter, path, node,
                $"{owner} names the matter '{name}' ({p.Category}); a policy may not score, list or restrict on {p.Category}");
        }
        else
        {
            ctx.Report(PolicyRules.UnknownMatter, path, node,
                $"{owner} names the matter '{name}', which is not on the allow-list: {string.Join(", ", Matters.AllNames)} (adding one is a code change)");
        }

        return null;
    }
}
