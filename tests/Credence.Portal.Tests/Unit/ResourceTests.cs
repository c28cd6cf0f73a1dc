using System.Reflection;
using System.Xml.Linq;
using Credence.Registry;

namespace Credence.Portal.Tests.Unit;

/// <summary>Every string in both languages, and every code the registry answers with as a sentence in both.</summary>
public sealed class ResourceTests
{
    private static string Folder =>
        typeof(ResourceTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PortalResources").Value!;

    public static TheoryData<string> Files() =>
        [.. Directory.GetFiles(Folder, "*.resx").Where(f => !f.EndsWith(".zh-CN.resx", StringComparison.Ordinal)).Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)];

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_string_has_an_English_and_a_Chinese_text_and_the_same_placeholders(string name)
    {
        var en = Read(Path.Combine(Folder, name + ".resx"));
        var zh = Read(Path.Combine(Folder, name + ".zh-CN.resx"));
        Assert.Empty(en.Keys.Except(zh.Keys));
        Assert.Empty(zh.Keys.Except(en.Keys));
        foreach (var (key, text) in en)
        {
            Assert.False(string.IsNullOrEmpty(text), $"{name}: {key} is empty in English");
            Assert.False(string.IsNullOrEmpty(zh[key]), $"{name}: {key} is empty in Chinese");
            Assert.Equal(Placeholders(text), Placeholders(zh[key]));
            Assert.True(zh[key] != text || !text.Any(char.IsLetter), $"{name}: {key} is not translated: {zh[key]}");
        }
    }

    [Fact]
    public void Every_problem_the_registry_answers_with_reads_as_a_sentence_in_both_languages()
    {
        var codes = typeof(ProblemTypes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.NotEmpty(codes);
        var en = Read(Path.Combine(Folder, "Reasons.resx"));
        var zh = Read(Path.Combine(Folder, "Reasons.zh-CN.resx"));
        foreach (var code in codes)
        {
            Assert.True(en.ContainsKey("problem." + code), $"no English sentence for problem {code}");
            Assert.True(zh.ContainsKey("problem." + code), $"no Chinese sentence for problem {code}");
            Assert.False(en["problem." + code].Contains(code, StringComparison.Ordinal) && code.Contains('-', StringComparison.Ordinal), $"the sentence for {code} shows the code");
        }
    }

    [Fact]
    public void Every_outcome_of_an_access_to_a_file_reads_as_words_in_both_languages()
    {
        // The subject's pages show "outcome." + the stored outcome; a value without a text showed its raw key.
        var en = Read(Path.Combine(Folder, "SubjectPages.resx"));
        var zh = Read(Path.Combine(Folder, "SubjectPages.zh-CN.resx"));
        foreach (var outcome in Enum.GetNames<Credence.Registry.Access.AccessOutcome>())
        {
            Assert.True(en.ContainsKey("outcome." + outcome), $"no English text for outcome {outcome}");
            Assert.True(zh.ContainsKey("outcome." + outcome), $"no Chinese text for outcome {outcome}");
        }
    }

    private static List<string> Placeholders(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Order(StringComparer.Ordinal)];
}
