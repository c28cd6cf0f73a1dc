using System.Net;

namespace Credence.Api.Tests;

/// <summary>
/// An optional query value of a typed parameter (a count, an id, a seed) that does not parse is a <c>bad-value</c>
/// problem naming the parameter and what was sent, on every kind of route (open, operator, subject), for every way
/// of getting it wrong: words, signs where none is allowed, fractions, exponents, overflow, full-width and Arabic-Indic
/// digits, a repeated parameter. Nothing is answered as a bare 400. (.NET's number parsing reads trailing NULs as nothing:
/// <c>after=1%00</c> reads as 1, a harmless quirk of the binder that no stored value depends on.)
/// </summary>
/// <remarks>
/// The cases share a host (<see cref="SharedHost"/>): they only read (and register a subject of their own).
/// </remarks>
public class QueryValueApiTests(SharedHost shared) : SharedHostTests(shared)
{
    public static TheoryData<string, string> BadValues() => new()
    {
        { "after", "ten" }, { "after", "1.5" }, { "after", "1e3" }, { "after", "99999999999999999999" }, { "after", "%EF%BC%91" },
        { "after", "%D9%A1" }, { "after", "0x10" }, { "limit", "%2B%2B1" }, { "limit", "2147483648" },
        { "seed", "-3" }, { "seed", "18446744073709551616" }, { "minCohort", "ten" }, { "days", "%E5%8D%81" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_typed_query_value_that_does_not_parse_is_a_bad_value_naming_it(string name, string value)
    {
        var host = await HostAsync();
        var route = name switch
        {
            "after" or "limit" => "/v1/ledger/checkpoints",
            "seed" or "minCohort" => "/v1/reports/fairness",
            _ => "/v1/summary/series",
        };
        var key = route == "/v1/ledger/checkpoints" ? null : host.OperatorKey;
        var response = await host.GetAsync($"{route}?{name}={value}", key);
        await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "bad-value");
        var detail = (await ApiHost.Json(response)).GetProperty("detail").GetString()!;
        Assert.Contains(name, detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/ledger/checkpoints", "after")]
    [InlineData("/v1/ledger/checkpoints", "limit")]
    [InlineData("/v1/reports/fairness", "seed")]
    [InlineData("/v1/me/ledger", "before")]
    public async Task A_repeated_typed_query_value_is_a_bad_value_and_a_single_one_is_read(string route, string name)
    {
        var host = await HostAsync();
        var key = route switch
        {
            "/v1/ledger/checkpoints" => null,
            "/v1/me/ledger" => await host.KeyAsync("subject", Unique.Id("bob"), subject: Unique.Person()),
            _ => host.OperatorKey,
        };
        var twice = await host.GetAsync($"{route}?{name}=1&{name}=2", key);
        await Problems.AssertAsync(twice, HttpStatusCode.UnprocessableEntity, "bad-value");
        Assert.Contains("\"1,2\"", (await ApiHost.Json(twice)).GetProperty("detail").GetString()!, StringComparison.Ordinal);
        var once = await host.GetAsync($"{route}?{name}=1", key);
        Assert.Equal(HttpStatusCode.OK, once.StatusCode);
    }
}
