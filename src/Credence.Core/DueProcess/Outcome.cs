using System.Collections.Immutable;

namespace Credence.Core.DueProcess;

/// <summary>Makes <see cref="Outcome{T}"/> values.</summary>
public static class Outcome
{
    /// <summary>An accepted step.</summary>
    public static Outcome<T> Accept<T>(T value)
        where T : class => new Outcome<T>(value ?? throw new ArgumentNullException(nameof(value)), []);

    /// <summary>A refused step; at least one refusal is required.</summary>
    public static Outcome<T> Refuse<T>(IEnumerable<Refusal> refusals)
        where T : class
    {
        var all = refusals.ToImmutableArray();
        return all.IsEmpty ? throw new ArgumentException("a refusal needs at least one reason", nameof(refusals)) : new Outcome<T>(null, all);
    }

    /// <summary>A step refused for one reason.</summary>
    public static Outcome<T> Refuse<T>(string code, string text, DateTimeOffset? metAt = null)
        where T : class => Refuse<T>([new Refusal(code, text, metAt)]);
}
