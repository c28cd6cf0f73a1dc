using Credence.Registry.Consent;

namespace Credence.App.Http.Documents;

/// <summary>One change in a subject's consent history.</summary>
internal sealed record ConsentChangeDocument(bool Given, DateTimeOffset At, string By)
{
    public static ConsentChangeDocument From(ConsentChange c) => new(c.Given, c.At, c.By);
}
