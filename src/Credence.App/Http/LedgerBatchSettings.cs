using System.Globalization;
using Credence.Registry.Ledger;
using Microsoft.Extensions.Configuration;

namespace Credence.App.Http;

/// <summary>
/// The ledger's batching from configuration section <c>Credence:Ledger</c>: <c>BatchSize</c> (entries,
/// 1 to 65,536, default 256) and <c>BatchInterval</c> (a time span, 0 to 00:00:01, default 00:00:00.002),
/// from <c>appsettings.json</c> beside the program or the environment (for example
/// <c>Credence__Ledger__BatchSize=512</c>).
/// </summary>
internal static class LedgerBatchSettings
{
    /// <summary>The configuration the server reads before it opens its store: appsettings.json beside the program, then the environment.</summary>
    public static IConfiguration Read() =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();

    /// <summary>The batching <paramref name="configuration"/> sets (the defaults for what it leaves out).</summary>
    /// <exception cref="ArgumentException">A value is not a number or time span, or is out of range (the message names the key).</exception>
    public static LedgerBatching From(IConfiguration configuration)
    {
        var section = configuration.GetSection(LedgerBatching.Section);
        var batching = new LedgerBatching
        {
            BatchSize = Value(section, nameof(LedgerBatching.BatchSize), LedgerBatching.DefaultBatchSize,
                text => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)),
            BatchInterval = Value(section, nameof(LedgerBatching.BatchInterval), LedgerBatching.DefaultBatchInterval,
                text => TimeSpan.ParseExact(text, "c", CultureInfo.InvariantCulture)),
        };
        return batching.Checked();
    }

    private static T Value<T>(IConfigurationSection section, string key, T fallback, Func<string, T> parse)
    {
        if (section[key] is not { } text)
        {
            return fallback;
        }

        try
        {
            return parse(text.Trim());
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            throw new ArgumentException($"{LedgerBatching.Section}:{key} '{text}' is not a {(typeof(T) == typeof(int) ? "whole number" : "time span such as 00:00:00.002")}", ex);
        }
    }
}
