using System.Collections.Immutable;
using System.Globalization;
using Credence.Core.Policies.Validation;
using YamlDotNet.RepresentationModel;

namespace Credence.Core.Policies.Loading;

/// <summary>
/// Reads one YAML mapping of the policy language. Every key asked for is part of the closed
/// vocabulary at this place; <see cref="Close"/> refuses the rest.
/// </summary>
internal sealed class MappingScope
{
    private readonly LoadContext _ctx;
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);

    private MappingScope(YamlMappingNode node, string path, LoadContext ctx)
    {
        Node = node;
        Path = path;
        _ctx = ctx;
        foreach (var (key, value) in node.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } scalar)
            {
                ctx.Report(PolicyRules.YamlSyntax, path, key, "keys are plain names, not lists or mappings");
                continue;
            }

            if (!_entries.TryAdd(name, (scalar, value)))
            {
                ctx.Report(PolicyRules.YamlSyntax, Join(name), key, $"key '{name}' appears twice", taints: false);
            }
        }
    }

    public YamlMappingNode Node { get; }

    public string Path { get; }

    /// <summary>A scope over <paramref name="node"/>, or null (with a problem) when it is not a mapping.</summary>
    public static MappingScope? Of(YamlNode node, string path, LoadContext ctx)
    {
        ctx.Map(path, node);
        if (node is YamlMappingNode map)
        {
            return new MappingScope(map, path, ctx);
        }

        ctx.Report(PolicyRules.BadValue, path, node, $"{Describe(path)} must be a mapping of keys to values");
        return null;
    }

    public string Join(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>The value under <paramref name="key"/>, or null when absent (a problem if required).</summary>
    public YamlNode? Value(string key, bool required = false)
    {
        _asked.Add(key);
        if (_entries.TryGetValue(key, out var entry) && !IsNull(entry.Value))
        {
            _ctx.Map(Join(key), entry.Value);
            return entry.Value;
        }

        if (required)
        {
            _ctx.Report(PolicyRules.MissingKey, Join(key), Node, $"{Describe(Path)} needs '{key}'");
        }

        return null;
    }

    public string? Text(string key, bool required = false) => Value(key, required) is { } v ? Scalar(v, Join(key)) : null;

    public int? Int(string key, bool required = false)
    {
        if (Text(key, required) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        return Bad<int>(key, $"'{text}' is not a whole number");
    }

    public decimal? Decimal(string key, bool required = false)
    {
        if (Text(key, required) is not { } text)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        return Bad<decimal>(key, $"'{text}' is not a number");
    }

    public bool? Bool(string key)
    {
        return Text(key) switch
        {
            null => null,
            "true" => true,
            "false" => false,
            var text => Bad<bool>(key, $"'{text}' is neither true nor false"),
        };
    }

    public PolicyDuration? Duration(string key, bool required = false)
    {
        if (Text(key, required) is not { } text)
        {
            return null;
        }

        if (PolicyDuration.TryParse(text, out var d))
        {
            return d;
        }

        return Bad<PolicyDuration>(key, $"'{text}' is not a duration: write years, months and days such as 2y, 3mo, 90d or 1y6mo");
    }

    /// <summary>A name from a closed vocabulary.</summary>
    public T? Choice<T>(string key, IReadOnlyDictionary<string, T> names, bool required = false)
        where T : struct
    {
        if (Text(key, required) is not { } text)
        {
            return null;
        }

        return names.TryGetValue(text, out var value)
            ? value
            : Bad<T>(key, $"'{text}' is not one of {string.Join(", ", names.Keys)}");
    }

    /// <summary>A list of ids; a single id is read as a list of one.</summary>
    public ImmutableArray<string> Ids(string key, bool required = false)
    {
        if (Value(key, required) is not { } v)
        {
            return [];
        }

        var path = Join(key);
        if (v is YamlScalarNode)
        {
            return Scalar(v, path) is { } one ? [one] : [];
        }

        // An item that is not an id stays as an empty placeholder, so later items keep their paths.
        return [.. Items(v, path).Select(x => Scalar(x.Node, x.Path) ?? string.Empty)];
    }

    public MappingScope? Map(string key, bool required = false) => Value(key, required) is { } v ? Of(v, Join(key), _ctx) : null;

    /// <summary>The items of the sequence under <paramref name="key"/>, each with its path.</summary>
    public IEnumerable<(YamlNode Node, string Path)> Items(string key, bool required = false) =>
        Value(key, required) is { } v ? Items(v, Join(key)) : [];

    /// <summary>Refuses every key this scope did not ask for, naming the promise it would break, if any.</summary>
    public void Close()
    {
        foreach (var (name, (key, _)) in _entries)
        {
            if (_asked.Contains(name))
            {
                continue;
            }

            var path = Join(name);
            var (rule, why) = ForbiddenKeys.Classify(name);
            var known = string.Join(", ", _asked.Order(StringComparer.Ordinal));
            _ctx.Report(rule, path, key, why is null
                ? $"'{name}' is not a key of {Describe(Path)}; the keys here are: {known}"
                : $"'{name}' is not part of the policy language: {why}", taints: false);
        }
    }

    private List<(YamlNode Node, string Path)> Items(YamlNode v, string path)
    {
        if (v is not YamlSequenceNode seq)
        {
            _ctx.Report(PolicyRules.BadValue, path, v, $"{Describe(path)} must be a list");
            return [];
        }

        var items = new List<(YamlNode Node, string Path)>(seq.Children.Count);
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            _ctx.Map(itemPath, seq.Children[i]);
            items.Add((seq.Children[i], itemPath));
        }

        return items;
    }

    private string? Scalar(YamlNode v, string path)
    {
        if (v is YamlScalarNode { Value: { } text })
        {
            return text;
        }

        _ctx.Report(PolicyRules.BadValue, path, v, $"{Describe(path)} must be a single value");
        return null;
    }

    private T? Bad<T>(string key, string message)
        where T : struct
    {
        var path = Join(key);
        _ctx.Report(PolicyRules.BadValue, path, _entries[key].Value, $"{Describe(path)}: {message}");
        return null;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    internal static string Describe(string path) => path.Length == 0 ? "the policy" : $"'{path}'";
}
