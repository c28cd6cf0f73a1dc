using Credence.Registry.Principals;

namespace Credence.App.Demo;

/// <summary>The keys the demo hands out, one line each: role, name, what it may do, the key.</summary>
internal sealed record DemoKeys(IReadOnlyList<(string Role, string Name, string Scope, string Key)> Keys)
{
    public static (string, string, string, string) Line(IssuedKey issued, string scope) =>
        (issued.Principal.RoleName, issued.Principal.Name, scope, issued.Key);
}
