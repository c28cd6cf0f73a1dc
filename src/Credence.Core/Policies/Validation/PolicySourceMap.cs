using System.Collections.Immutable;

namespace Credence.Core.Policies.Validation;

/// <summary>
/// Where each part of a loaded policy was written: a path such as <c>measures[2].when.list</c>
/// mapped to its line and column, so that problems found on the model still point into the file.
/// </summary>
public sealed class PolicySourceMap
{
    public PolicySourceMap(string? file, IReadOnlyDictionary<string, PolicyLocation> locations)
    {
        File = file;
        Locations = locations.ToImmutableDictionary(StringComparer.Ordinal);
    }

    /// <summary>The file name the policy was loaded from, for messages.</summary>
    public string? File { get; }

    /// <summary>Every mapped path and its location.</summary>
    public ImmutableDictionary<string, PolicyLocation> Locations { get; }

    /// <summary>
    /// The location of <paramref name="path"/>, or of its nearest mapped ancestor when the path
    /// itself was not written (a defaulted key points at the mapping that omits it).
    /// </summary>
    public PolicyLocation? Locate(string path)
    {
        var p = path;
        while (p.Length > 0)
        {
            if (Locations.TryGetValue(p, out var location))
            {
                return location;
            }

            p = Parent(p);
        }

        return null;
    }

    /// <summary><c>a.b[2]</c> → <c>a.b</c> → <c>a</c> → empty.</summary>
    internal static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? string.Empty : path[..cut];
    }
}
