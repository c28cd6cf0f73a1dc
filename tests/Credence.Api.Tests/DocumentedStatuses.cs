using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Credence.Api.Tests;

/// <summary>The statuses the OpenAPI document lists for each operation, to hold real answers against.</summary>
internal sealed class DocumentedStatuses
{
    private readonly List<(string Method, Regex Path, int Parameters, HashSet<string> Statuses)> operations = [];

    private DocumentedStatuses(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var pattern = new Regex("^" + Regex.Replace(Regex.Escape(path.Name).Replace(@"\{", "{", StringComparison.Ordinal), "{[^}]+}", "[^/]+") + "$");
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Value.TryGetProperty("responses", out _)))
            {
                operations.Add((method.Name.ToUpperInvariant(), pattern, path.Name.Count(c => c == '{'),
                    [.. method.Value.GetProperty("responses").EnumerateObject().Select(r => r.Name)]));
            }
        }
    }

    public static async Task<DocumentedStatuses> ReadAsync(ApiHost host) => new(await ApiHost.Json(await host.GetAsync("/openapi/v1.json")));

    public static DocumentedStatuses From(JsonElement document) => new(document);

    /// <summary>Null when the document lists the status for the operation that answered (a 5xx under <c>default</c>), otherwise why not.</summary>
    public string? Check(string method, string pathAndQuery, int status)
    {
        var path = pathAndQuery.Split('?')[0];
        var operation = operations.Where(o => o.Method == method && o.Path.IsMatch(path)).OrderBy(o => o.Parameters).FirstOrDefault();
        return operation.Statuses is null ? $"{method} {path} is not in the document"
            : operation.Statuses.Contains(status.ToString(CultureInfo.InvariantCulture)) ? null
            : status >= 500 && operation.Statuses.Contains("default") ? null
            : $"{method} {path} answered {status}, not among {string.Join(", ", operation.Statuses)}";
    }
}
