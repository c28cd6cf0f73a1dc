namespace Credence.Registry;

/// <summary>Builds outcomes where the implicit conversions do not apply (C# has none from interface types).</summary>
public static class Outcome
{
    public static Outcome<T> Ok<T>(T value) => new(value, null);

    public static Outcome<T> Fail<T>(RegistryProblem problem) => new(default, problem ?? throw new ArgumentNullException(nameof(problem)));
}
