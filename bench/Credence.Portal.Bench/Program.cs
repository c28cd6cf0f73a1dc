using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Credence.Portal.Bench;

// Usage: dotnet run -c Release --project bench/Credence.Portal.Bench [-- --persons N --requests R --concurrency C --database PATH]
// Builds a demo city (credence demo --persons N, 2,000 by default; issue 14 names 100,000), serves it with
// credence serve on 127.0.0.1, signs in through the sign-in form as each role, then asks every portal page
// R times (C at once, after a warm-up) with each role's session, and prints p50 / p95 / p99 per page in
// milliseconds, end to end (request sent to last byte read). The target: p95 at most 200 ms on every page.
// With --database PATH the city is kept there (and the keys the demo printed in PATH.keys): built when PATH
// does not exist, reused as it is when it does (the server brings its schema up to date), so a 100,000-person
// city is built once for many runs. Without it the city is built in a temporary folder and deleted.
int Arg(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var persons = Arg("--persons", 2_000);
var requests = Arg("--requests", 200);
var concurrency = Arg("--concurrency", 4);
const double TargetMs = 200;

var kept = args.SkipWhile(a => a != "--database").Skip(1).FirstOrDefault() is { } given ? Path.GetFullPath(given) : null;
var folder = kept is null ? Directory.CreateTempSubdirectory("credence-portal-bench-") : Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
var db = kept ?? Path.Combine(folder.FullName, "city.db");
List<(string Role, string Name, string Key)> keys;
var city = string.Create(CultureInfo.InvariantCulture, $"{persons:N0} persons");
if (kept is not null && File.Exists(kept))
{
    keys = CredenceProcess.Keys(await File.ReadAllTextAsync(kept + ".keys"));
    city = "the city in " + kept;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"demo city reused from {kept}; {keys.Count} keys (--persons is what it was built with)"));
}
else
{
    var build = Stopwatch.StartNew();
    var printed = await CredenceProcess.DemoAsync(folder.FullName, db, persons);
    if (kept is not null)
    {
        await File.WriteAllTextAsync(kept + ".keys", printed);
    }

    keys = CredenceProcess.Keys(printed);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"demo city of {persons:N0} persons built in {build.Elapsed.TotalSeconds:F0} s; {keys.Count} keys"));
}

Console.WriteLine($"load average at the start: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown")}");
var (server, address) = await CredenceProcess.ServeAsync(folder.FullName, db);
try
{
    string KeyOf(string role, string? name = null) => keys.First(k => k.Role == role && (name is null || k.Name == name)).Key;

    using var visitor = Session.Anonymous(address);
    using var subject = await Session.SignedInAsync(address, KeyOf("subject"));
    using var source = await Session.SignedInAsync(address, KeyOf("source"));
    using var reviewer = await Session.SignedInAsync(address, KeyOf("reviewer"));
    using var operatorSession = await Session.SignedInAsync(address, KeyOf("operator"));

    // Pages whose address names something in the city: found through the pages that link to them.
    var organisations = await visitor.Http.GetStringAsync("organisations?q=9");
    var organisation = Regex.Match(organisations, "href=\"(organisations/[0-9A-Z]{18})\"").Groups[1].Value;
    var lists = await visitor.Http.GetStringAsync("lists");
    var list = Regex.Match(lists, "href=\"(lists/[^\"?]+)\"").Groups[1].Value;
    var policies = await visitor.Http.GetStringAsync("policies");
    var policy = Regex.Match(policies, "href=\"(policies/[^\"]+)\"").Groups[1].Value;
    var intake = await source.Http.GetStringAsync("source/intake");
    var batch = Regex.Match(intake, "href=\"(source/intake/[0-9a-f-]{36})\"").Groups[1].Value;

    var pages = new List<(string Area, Session Session, string Path)>
    {
        ("public", visitor, string.Empty),
        ("public", visitor, "organisations?q=9"),
        ("public", visitor, organisation),
        ("public", visitor, "lists"),
        ("public", visitor, list),
        ("public", visitor, "policies"),
        ("public", visitor, policy),
        ("public", visitor, "ledger"),
        ("subject", subject, "me"),
        ("subject", subject, "me/disputes"),
        ("subject", subject, "me/repairs"),
        ("subject", subject, "me/notices"),
        ("source", source, "source/disputes"),
        ("source", source, "source/intake"),
        ("source", source, batch),
        ("reviewer", reviewer, "review"),
        ("operator", operatorSession, "operator"),
        ("operator", operatorSession, "operator?to=2026-10-31&days=90"),
        ("operator", operatorSession, "operator/keys"),
        ("operator", operatorSession, "operator/policies"),
    };

    var rows = new List<string>();
    var worst = 0.0;
    foreach (var (area, session, path) in pages.Where((p, i) => i == 0 || p.Path.Length > 0))
    {
        var timings = await MeasureAsync(session.Http, path, requests, concurrency);
        worst = Math.Max(worst, timings.P95);
        var line = string.Create(CultureInfo.InvariantCulture, $"| {area} | `/{path}` | {timings.P50:F1} | {timings.P95:F1} | {timings.P99:F1} | {timings.Max:F1} | {timings.Bytes / 1024.0:F0} KiB |");
        rows.Add(line);
        Console.WriteLine(line);
    }

    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{city}, {requests} requests per page, {concurrency} at once, after 10 warm-up requests; slowest p95 {worst:F1} ms: target p95 <= {TargetMs} ms {(worst <= TargetMs ? "met" : "NOT met")}"));
    Console.WriteLine($"load average at the end: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown")}; {Environment.ProcessorCount} cores");
}
finally
{
    server.Kill(entireProcessTree: true);
    await server.WaitForExitAsync();
    server.Dispose();
    if (kept is null)
    {
        folder.Delete(recursive: true);
    }
}

static async Task<(double P50, double P95, double P99, double Max, long Bytes)> MeasureAsync(HttpClient http, string path, int requests, int concurrency)
{
    async Task<(double Ms, long Bytes)> OnceAsync()
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsByteArrayAsync();
        watch.Stop();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"/{path} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)[..Math.Min(300, body.Length)]}");
        }

        return (watch.Elapsed.TotalMilliseconds, body.LongLength);
    }

    for (var i = 0; i < 10; i++)
    {
        await OnceAsync();
    }

    var times = new double[requests];
    long bytes = 0;
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        while (Interlocked.Increment(ref next) is var i && i < requests)
        {
            var (ms, size) = await OnceAsync();
            times[i] = ms;
            Interlocked.Exchange(ref bytes, size);
        }
    }));
    Array.Sort(times);
    double At(double q) => times[Math.Min(times.Length - 1, (int)Math.Ceiling(q * times.Length) - 1)];
    return (At(0.50), At(0.95), At(0.99), times[^1], bytes);
}
