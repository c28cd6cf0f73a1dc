using Credence.App.Http;
using Microsoft.Extensions.Configuration;

namespace Credence.App.Tests;

/// <summary>Credence:Ledger:BatchSize and BatchInterval from configuration: defaults, values, and every refusal naming its key.</summary>
public class LedgerBatchSettingsTests
{
    [Fact]
    public void Without_configuration_the_defaults_hold()
    {
        var batching = LedgerBatchSettings.From(Configuration());
        Assert.Equal((256, TimeSpan.FromMilliseconds(2)), (batching.BatchSize, batching.BatchInterval));
    }

    [Theory]
    [InlineData("1", "00:00:00", 1, 0)]
    [InlineData("65536", "00:00:01", 65_536, 1000)]
    [InlineData(" 512 ", "00:00:00.010", 512, 10)]
    public void Values_in_range_are_taken(string size, string interval, int expectedSize, int expectedMilliseconds)
    {
        var batching = LedgerBatchSettings.From(Configuration(("BatchSize", size), ("BatchInterval", interval)));
        Assert.Equal((expectedSize, TimeSpan.FromMilliseconds(expectedMilliseconds)), (batching.BatchSize, batching.BatchInterval));
    }

    [Theory]
    [InlineData("BatchSize", "0")]
    [InlineData("BatchSize", "-1")]
    [InlineData("BatchSize", "65537")]
    [InlineData("BatchSize", "1e3")]
    [InlineData("BatchSize", "256.0")]
    [InlineData("BatchSize", "２５６")]
    [InlineData("BatchSize", "99999999999")]
    [InlineData("BatchSize", "")]
    [InlineData("BatchInterval", "2ms")]
    [InlineData("BatchInterval", "-00:00:00.001")]
    [InlineData("BatchInterval", "00:00:01.001")]
    [InlineData("BatchInterval", "1.00:00:00")]
    [InlineData("BatchInterval", "00:00:00,002")]
    public void A_value_that_is_not_one_or_out_of_range_is_refused_naming_its_key(string key, string value)
    {
        var refused = Assert.Throws<ArgumentException>(() => LedgerBatchSettings.From(Configuration((key, value))));
        Assert.StartsWith("Credence:Ledger:" + key, refused.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>("Credence:Ledger:" + v.Key, v.Value)))
            .Build();
}
