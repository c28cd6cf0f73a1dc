using System.Text.Json;
using Credence.Core.Policies;
using Credence.Core.Policies.Loading;
using YamlDotNet.RepresentationModel;

namespace Credence.Core.Tests.Policies;

/// <summary>policies/policy.schema.json must say what the loader says.</summary>
public class SchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(SamplePolicyTests.PathOf("policy.schema.json"))).RootElement;

    private static string[] Enum(JsonElement node) => [.. node.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!)];

    private static JsonElement Def(string name) => Schema.GetProperty("$defs").GetProperty(name);

    [Fact]
    public void The_matter_enum_is_the_allow_list() =>
        Assert.Equal(Matters.AllNames, Enum(Def("matter")));

    [Fact]
    public void The_other_vocabularies_match()
    {
        var top = Schema.GetProperty("properties");
        Assert.Equal(PolicyVocabulary.Areas.Keys.Order(), Enum(Def("area")).Order());
        Assert.Equal(PolicyVocabulary.Severities.Keys.Order(), Enum(Def("severity")).Order());
        Assert.Equal(PolicyVocabulary.Profiles.Keys.Order(), Enum(top.GetProperty("profile")).Order());
        Assert.Equal(PolicyVocabulary.SubjectKinds.Keys.Order(), Enum(top.GetProperty("subjects")).Order());
        Assert.Equal(PolicyVocabulary.ListKinds.Keys.Order(), Enum(Def("list").GetProperty("properties").GetProperty("kind")).Order());
        Assert.Equal(PolicyVocabulary.MeasureEffects.Keys.Order(), Enum(Def("measure").GetProperty("properties").GetProperty("effect")).Order());
        Assert.Equal(PolicyVocabulary.CapabilityKinds.Keys.Order(), Enum(Def("capability").GetProperty("properties").GetProperty("kind")).Order());
    }

    [Theory]
    [MemberData(nameof(SamplePolicyTests.Samples), MemberType = typeof(SamplePolicyTests))]
    public void Every_key_the_samples_use_is_in_the_schema(string file)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        Collect(Schema, known);
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(SamplePolicyTests.PathOf(file))));
        Assert.All(Keys(stream.Documents[0].RootNode), key => Assert.Contains(key, known));
    }

    [Fact]
    public void Every_sample_points_editors_at_the_schema()
    {
        foreach (var file in new[] { "rongcheng-persons.yaml", "court-defaulters.yaml", "organisations.yaml", "sesame-persons.yaml" })
        {
            Assert.StartsWith("# yaml-language-server: $schema=policy.schema.json", File.ReadAllText(SamplePolicyTests.PathOf(file)), StringComparison.Ordinal);
        }
    }

    private static void Collect(JsonElement node, HashSet<string> names)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in node.EnumerateObject())
            {
                if (p.Name == "properties")
                {
                    names.UnionWith(p.Value.EnumerateObject().Select(x => x.Name));
                }

                Collect(p.Value, names);
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in node.EnumerateArray())
            {
                Collect(item, names);
            }
        }
    }

    private static IEnumerable<string> Keys(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.SelectMany(kv => Keys(kv.Value).Prepend(((YamlScalarNode)kv.Key).Value!)),
        YamlSequenceNode seq => seq.Children.SelectMany(Keys),
        _ => [],
    };
}
