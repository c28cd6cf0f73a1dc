using System.Diagnostics.CodeAnalysis;

namespace Credence.Registry;

/// <summary>The result of a use case: a value, or the problem that refused the request.</summary>
public readonly record struct Outcome<T>
{
    internal Outcome(T? value, RegistryProblem? problem)
    {
        Value = value;
        Problem = problem;
    }

    /// <summary>The value, when the request succeeded.</summary>
    public T? Value { get; }

    /// <summary>Why the request was refused, when it was.</summary>
    public RegistryProblem? Problem { get; }

    /// <summary>True when there is a value.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsOk => Problem is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(RegistryProblem problem) => new(default, problem ?? throw new ArgumentNullException(nameof(problem)));

    /// <summary>The value, or an <see cref="InvalidOperationException"/> naming the problem.</summary>
    public T GetValueOrThrow() => IsOk ? Value : throw new InvalidOperationException(Problem.ToString());
}
