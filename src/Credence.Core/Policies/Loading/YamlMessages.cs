using System.Text.RegularExpressions;

namespace Credence.Core.Policies.Loading;

/// <summary>YamlDotNet's messages without the location prefix, which problems carry on their own.</summary>
internal static partial class YamlMessages
{
    public static string WithoutMark(string message) => MarkPrefix().Replace(message, string.Empty);

    // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: 3, Col: 6, Idx: 21): ".
    [GeneratedRegex(@"^\(Line: [0-9]+, Col: [0-9]+, Idx: [0-9]+\) - \(Line: [0-9]+, Col: [0-9]+, Idx: [0-9]+\): ", RegexOptions.CultureInvariant)]
    private static partial Regex MarkPrefix();
}
