using Microsoft.Playwright;

namespace Credence.Portal.Tests.Browser;

/// <summary>
/// Where most of the subject's journeys start: a fresh person with a subject key (issued by the operator),
/// listed by the court as a judgment defaulter unless asked otherwise, signed in through the sign-in form
/// in a fresh browser in one language and sent on to a page. Disposing it closes the browser and the API client.
/// </summary>
public sealed class SubjectJourney : IAsyncDisposable
{
    private SubjectJourney(SubjectFixtures others, string person, string key, string? recordId, Visitor visitor)
    {
        Others = others;
        Person = person;
        Key = key;
        RecordId = recordId;
        Visitor = visitor;
    }

    /// <summary>The other roles, through the API.</summary>
    public SubjectFixtures Others { get; }

    /// <summary>The person's identity number.</summary>
    public string Person { get; }

    /// <summary>The person's subject key.</summary>
    public string Key { get; }

    /// <summary>The court's record's source id, when the person was listed.</summary>
    public string? RecordId { get; }

    public Visitor Visitor { get; }

    public IPage Page => Visitor.Page;

    /// <summary>
    /// Makes the person, lists them unless <paramref name="listed"/> is false, and signs them in on their way to <paramref name="path"/>;
    /// with <paramref name="check"/>, the page there is checked under that name as <see cref="Visitor.OpenAsync"/> would
    /// (<see cref="Visitor.SignInToAsync"/>).
    /// </summary>
    /// <remarks>
    /// Implementation note: the journey is at <paramref name="path"/> when it starts (the sign-in form lands there), so a
    /// test goes on from that page rather than loading it again: each load is about 0.3 s of the browser's processor time.
    /// </remarks>
    public static async Task<SubjectJourney> StartAsync(PortalFixture fixture, string lang, string path, bool listed = true, string? check = null)
    {
        var others = new SubjectFixtures(fixture.Server);
        var person = SubjectFixtures.FreshPerson();
        var key = await others.SubjectKeyAsync(person);
        var recordId = listed ? await others.DefaulterAsync(person) : null;
        var visitor = await fixture.VisitorAsync(lang);
        if (check is null)
        {
            await visitor.SignInAsync(key, path);
        }
        else
        {
            await visitor.SignInToAsync(key, path, check);
        }

        return new SubjectJourney(others, person, key, recordId, visitor);
    }

    public async ValueTask DisposeAsync()
    {
        await Visitor.DisposeAsync();
        Others.Dispose();
    }
}
