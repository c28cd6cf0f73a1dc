using System.Net.Http.Headers;
using System.Text;

namespace Credence.Cluster.Bench;

/// <summary>The relying party's decision request (<c>POST /v1/decisions</c>, a G-train ticket) for a subject.</summary>
internal static class Decisions
{
    public static HttpRequestMessage For(string subject, string key)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/decisions", UriKind.Relative))
        {
            Content = new StringContent($$"""{"subject":"{{subject}}","measure":"rail.g-train.ticket"}""", Encoding.UTF8, "application/json"),
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return message;
    }

    /// <summary>Request <c>i</c> asks about a subject spread over the whole population (Knuth's multiplicative hash), as bench/Credence.Load does.</summary>
    public static Func<int, HttpRequestMessage> Spread(IReadOnlyList<string> subjects, string key) =>
        i => For(subjects[(int)((uint)(i * 2654435761u) % (uint)subjects.Count)], key);
}
