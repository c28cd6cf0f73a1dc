using System.Collections.Immutable;

namespace Credence.Core.DueProcess;

/// <summary>The result of a due-process step: the new value, or the refusals that prevented it.</summary>
/// <typeparam name="T">The value a successful step produces.</typeparam>
/// <remarks>
/// Implementation note: refusals are values, not exceptions, because a refused step is an ordinary
/// outcome the subject or source must be told about, with every reason at once.
/// </remarks>
public sealed record Outcome<T>
    where T : class
{
    internal Outcome(T? value, ImmutableArray<Refusal> refusals)
    {
        Value = value;
        Refusals = refusals;
    }

    /// <summary>The value when the step was accepted; null when refused.</summary>
    public T? Value { get; }

    /// <summary>Every reason the step was refused; empty when accepted.</summary>
    public ImmutableArray<Refusal> Refusals { get; }

    /// <summary>True when the step was accepted.</summary>
    public bool IsAccepted => Value is not null;

    /// <summary>The value, or an exception naming the refusals (for callers that already checked).</summary>
    public T Accepted() => Value ?? throw new InvalidOperationException("refused: " + string.Join("; ", Refusals.Select(r => $"{r.Code}: {r.Text}")));
}
