using System.Globalization;
using Credence.Demo;
using Credence.Registry;
using Credence.Registry.Access;

namespace Credence.App.Demo.Stories;

/// <summary>
/// One due-process story told about a quiet person of the city (one no source reports on), through
/// the registry's use cases only: the records its sources submit, the subject's dispute or repair
/// application, the relying parties' questions and the sources' answers.
/// </summary>
internal abstract class DueProcessStory(CityPerson person)
{
    /// <summary>The person the story is about.</summary>
    public CityPerson Person => person;

    /// <summary>The name of the subject principal whose key the demo prints.</summary>
    public string PrincipalName => $"subject-{person.Index}";

    /// <summary>The story's name, e.g. <c>wrong person</c>.</summary>
    public abstract string Name { get; }

    /// <summary>What happened, in a sentence with its dates, once the replay has told the story.</summary>
    public string Told { get; protected set; } = "not told yet";

    /// <summary>Plans the story's steps on <paramref name="agenda"/>; <paramref name="subject"/> acts for the person.</summary>
    public abstract void Plan(StoryAgenda agenda, StoryParties parties, Principal subject);

    /// <summary>The record wire format's instant.</summary>
    protected static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A date as the summary shows it.</summary>
    protected static string Date(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The value, or a failure naming the story and the problem (a story that cannot be told is a bug of the demo).</summary>
    protected T Expect<T>(Outcome<T> outcome, string step) =>
        outcome.IsOk ? outcome.Value : throw new InvalidOperationException($"demo story '{Name}' ({Person.Id}): {step} was refused: {outcome.Problem}");

    /// <summary>Fails the story when what the registry did is not what the story tells.</summary>
    protected void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"demo story '{Name}' ({Person.Id}): expected {what}");
        }
    }
}
