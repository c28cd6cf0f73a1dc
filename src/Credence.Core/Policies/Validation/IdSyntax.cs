using System.Text.RegularExpressions;

namespace Credence.Core.Policies.Validation;

/// <summary>The spelling of ids (<c>late-credit-card-payment</c>) and capabilities (<c>rail.g-train.ticket</c>).</summary>
internal static partial class IdSyntax
{
    public const string IdRule = "lower-case letters and digits in words joined by single hyphens, at most 64 characters";
    public const string CapabilityRule = "ids joined by dots, such as rail.g-train.ticket, at most 128 characters";

    public static bool IsId(string? id) => id is { Length: <= 64 } && Id().IsMatch(id);

    public static bool IsCapability(string? capability) => capability is { Length: <= 128 } && Capability().IsMatch(capability);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Id();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Capability();
}
