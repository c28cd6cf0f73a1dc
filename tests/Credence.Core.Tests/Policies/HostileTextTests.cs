using System.Text;
using Credence.Core.Policies.Loading;
using Credence.Core.Policies.Validation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Credence.Core.Tests.Policies.PolicyYaml;

namespace Credence.Core.Tests.Policies;

/// <summary>
/// Hostile policy texts: every bound of <see cref="PolicyLimits"/> at its limit and one past it,
/// in each way YAML can nest; characters YAML readers hide or stop at; syntax errors of every
/// kind; bytes that are not UTF-8. Each is a located problem, never an exception.
/// </summary>
/// <remarks>
/// Implementation note: the depths here are small enough that the old reader survived them and
/// answered something else (so these tests fail on it rather than crash the test host); that a
/// million levels no longer crash anything is tested in a child process by the CLI tests.
/// </remarks>
public class HostileTextTests
{
    /// <summary>Ways to nest <c>n</c> collections as the value of a key at level 1 (so the document is <c>n + 1</c> deep).</summary>
    public static TheoryData<string> Nestings => ["flow-sequence", "flow-mapping", "block-mapping", "block-sequence", "mixed"];

    private static string Nest(string how, int n) => how switch
    {
        "flow-sequence" => "x-nest: " + new string('[', n) + new string(']', n) + "\n",
        "flow-mapping" => "x-nest: " + string.Concat(Enumerable.Repeat("{a: ", n)) + "1" + new string('}', n) + "\n",
        "block-mapping" => "x-nest:\n" + string.Concat(Enumerable.Range(1, n).Select(i => new string(' ', i) + (i == n ? "a: 1\n" : "a:\n"))),
        "block-sequence" => "x-nest:\n" + string.Concat(Enumerable.Repeat("- ", n)) + "1\n",
        "mixed" => "x-nest: " + string.Concat(Enumerable.Range(0, n).Select(i => i % 2 == 0 ? "[" : "{a: ")) + "1"
            + string.Concat(Enumerable.Range(0, n).Reverse().Select(i => i % 2 == 0 ? "]" : "}")) + "\n",
        _ => throw new ArgumentOutOfRangeException(nameof(how)),
    };

    [Theory]
    [MemberData(nameof(Nestings))]
    public void Nesting_at_the_limit_is_read(string how)
    {
        var yaml = Base + Nest(how, PolicyLimits.MaxDepth - 1);
        Assert.Equal(PolicyRules.UnknownKey, Assert.Single(Load(yaml).Problems).Rule);
    }

    [Theory]
    [MemberData(nameof(Nestings))]
    public void Nesting_one_past_the_limit_is_refused_before_anything_is_built(string how)
    {
        var yaml = Base + Nest(how, PolicyLimits.MaxDepth);
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.YamlLimit));
        Assert.Contains($"more than {PolicyLimits.MaxDepth} levels", p.Message, StringComparison.Ordinal);
        Assert.True(p.Line > Base.Count('\n'), p.ToString());
        Assert.Equal(string.Empty, p.Path);
    }

    [Theory]
    [MemberData(nameof(Nestings))]
    public void Nesting_thousands_deep_is_one_problem(string how)
    {
        // Indented 5,000 deep, the text is over the size bound before the depth is reached.
        var p = Assert.Single(RefusedOnly(Base + Nest(how, 5_000), PolicyRules.YamlLimit));
        Assert.Contains(how == "block-mapping" ? "characters long" : "levels deep", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_at_the_top_level_counts_too()
    {
        Assert.Equal(PolicyRules.BadValue, Assert.Single(Load(new string('[', PolicyLimits.MaxDepth) + new string(']', PolicyLimits.MaxDepth)).Problems).Rule);
        Assert.Single(RefusedOnly(new string('[', PolicyLimits.MaxDepth + 1) + new string(']', PolicyLimits.MaxDepth + 1), PolicyRules.YamlLimit));
    }

    [Fact]
    public void Unclosed_nesting_past_the_limit_is_the_limit_not_a_syntax_error()
    {
        // The bound is hit before the end is reached, so the reader stops there.
        var p = Assert.Single(RefusedOnly("policy: " + new string('[', 100_000), PolicyRules.YamlLimit));
        Assert.Equal((1, 9 + PolicyLimits.MaxDepth - 1), (p.Line, p.Column));
    }

    [Fact]
    public void Billion_laughs_is_refused_at_the_first_alias()
    {
        var yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 10; i++)
        {
            yaml.Append($"a{i}: &a{i} [").AppendJoin(", ", Enumerable.Repeat($"*a{i - 1}", 9)).Append("]\n");
        }

        var text = yaml.ToString();
        var p = Assert.Single(RefusedOnly(text, PolicyRules.YamlSyntax));
        AssertAt(p, text, "*a0");
        Assert.Contains("alias '*a0'", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_alias_is_refused_even_to_a_scalar()
    {
        var yaml = Base.With("title: Test policy", "title: &t Test policy\nx-again: *t");
        AssertAt(Assert.Single(RefusedOnly(yaml, PolicyRules.YamlSyntax)), yaml, "*t");
    }

    [Fact]
    public void A_second_document_is_refused_where_it_starts()
    {
        var yaml = Base + "---\n" + Base;
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.YamlSyntax));
        Assert.Equal(Base.Count('\n') + 1, p.Line);
    }

    [Fact]
    public void Ten_thousand_documents_are_one_problem()
    {
        var p = Assert.Single(RefusedOnly(string.Concat(Enumerable.Repeat("--- a\n", 10_000)), PolicyRules.YamlSyntax));
        Assert.Equal(2, p.Line);
    }

    [Fact]
    public void A_value_at_the_length_limit_is_read_and_one_past_it_is_refused()
    {
        var at = new string('x', PolicyLimits.MaxScalarLength);
        Accepted(Base.With("title: Test policy", $"title: {at}"));
        var past = Base.With("title: Test policy", $"title: \"{at}x\"");
        var p = Assert.Single(RefusedOnly(past, PolicyRules.YamlLimit));
        AssertAt(p, past, "\"xxx");
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("key")]
    [InlineData("literal")]
    [InlineData("single-quoted")]
    public void A_long_value_is_refused_in_every_style(string style)
    {
        var big = new string('y', PolicyLimits.MaxScalarLength + 1);
        var extra = style switch
        {
            "plain" => $"x: {big}\n",
            "key" => $"? {big}\n: 1\n",
            "literal" => "x: |\n" + string.Concat(Enumerable.Repeat("  " + new string('y', 99) + "\n", (PolicyLimits.MaxScalarLength / 100) + 1)),
            _ => $"x: '{big}'\n",
        };
        Assert.Single(RefusedOnly(Base + extra, PolicyRules.YamlLimit));
    }

    [Fact]
    public void Nodes_at_the_limit_are_read_and_one_past_it_are_refused()
    {
        // A top-level list of n scalars is n + 1 nodes.
        static string List(int n) => "[" + string.Join(",", Enumerable.Repeat("1", n)) + "]";
        Assert.Equal(PolicyRules.BadValue, Assert.Single(Load(List(PolicyLimits.MaxNodes - 1)).Problems).Rule);
        var p = Assert.Single(RefusedOnly(List(PolicyLimits.MaxNodes), PolicyRules.YamlLimit));
        Assert.Contains("more than", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_at_the_size_limit_is_read_and_one_past_it_is_refused()
    {
        var padded = Base + "#" + new string('c', PolicyLimits.MaxLength - Base.Length - 1);
        Assert.Equal(PolicyLimits.MaxLength, padded.Length);
        Accepted(padded);
        var p = Assert.Single(RefusedOnly(padded + "c", PolicyRules.YamlLimit));
        Assert.Equal((1, 1), (p.Line, p.Column));
    }

    public static TheoryData<string, string> Hidden => new()
    {
        { "NUL in a value", "title: Test\0 policy" },
        { "NUL after the document", "title: Test policy\n# +end\0x-smuggled: true" },
        { "NUL in a key", "titl\0e: Test policy" },
        { "SOH", "title: Test\u0001 policy" },
        { "ESC (terminal escape)", "title: Test\u001b[31m policy" },
        { "vertical tab", "title: Test\u000b policy" },
        { "form feed", "title: Test\u000c policy" },
        { "DEL", "title: Test\u007f policy" },
        { "C1 PAD", "title: Test\u0080 policy" },
        { "C1 NEL", "title: Test\u0085 policy" },
        { "C1 CSI", "title: Test\u009b policy" },
        { "byte order mark inside", "title: Test\ufeff policy" },
        { "noncharacter FFFE", "title: Test\ufffe policy" },
        { "noncharacter FFFF", "title: Test\uffff policy" },
        { "NUL in a comment", "title: Test policy # note\0" },
        { "NUL in a quoted value", "title: \"Test\0 policy\"" },
    };

    [Theory]
    [MemberData(nameof(Hidden))]
    public void Characters_a_reader_hides_or_stops_at_are_refused_where_they_are(string what, string line)
    {
        var yaml = Base.With("title: Test policy", line.Replace("# +end", string.Empty, StringComparison.Ordinal));
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.YamlSyntax));
        var bad = yaml.First(c => c is < ' ' and not '\n' or >= '\u007f' and <= '\u009f' or '\ufeff' or '\ufffe' or '\uffff' || char.IsSurrogate(c));
        var (l, c) = At(yaml, bad.ToString());
        Assert.True((l, c) == (p.Line, p.Column), $"{what}: expected {l}:{c}, got {p}");
        Assert.Contains($"U+{(int)bad:X4}", p.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('\ud800')]
    [InlineData('\udc00')]
    public void Lone_surrogates_are_refused(char half)
    {
        // Built here: test data with lone surrogates does not survive serialisation.
        var yaml = Base.With("title: Test policy", $"title: Test{half} policy");
        AssertAt(Assert.Single(RefusedOnly(yaml, PolicyRules.YamlSyntax)), yaml, half.ToString());
    }

    [Fact]
    public void Printable_text_in_any_script_is_read()
    {
        Accepted(Base.With("title: Test policy", "title: \"信用修复 — Crédit \t😀 𝟑\""));
        Accepted("\ufeff" + Base);
    }

    public static TheoryData<string> SyntaxErrors =>
    [
        "policy: {a: 1",
        "policy: test\nx: {b: 1\nc: 2",
        "policy: [1, 2",
        "policy: {b: [1}",
        "policy: \"abc",
        "policy: 'abc",
        "policy:\n  b: 1\n c: 2",
        "policy:\n\tb: 1",
        "policy: \"\\q\"",
        "policy: \"\\uZZZZ\"",
        "policy: \"\\xZZ\"",
        "policy: \"\\U0011FFFF\"",
        "policy: |\n  x\n y",
        "policy: a: b",
        "- a\nb: c",
        "policy: }",
        "policy: ]",
        "{a: 1}}",
        "{a: 1} b: 2",
        "? {\n",
        "policy: *nothing",
        "policy: !<tag:x> &",
        "%YAML 1.2\n%YAML 1.2\n---\na: 1",
        "%FOO\n",
        "policy: >-9\n  x",
        "\"key\nmore\": 1",
    ];

    [Theory]
    [MemberData(nameof(SyntaxErrors))]
    public void Every_syntax_error_is_a_located_problem(string yaml)
    {
        var result = Load(yaml);
        Assert.Null(result.Policy);
        var p = result.Problems[0];
        Assert.True(p.Rule == PolicyRules.YamlSyntax, p.ToString());
        Assert.True(p.Line >= 1 && p.Column >= 1, p.ToString());
        Assert.DoesNotContain("(Line:", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_prefix_of_a_sample_policy_throws()
    {
        var loaded = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "policies"), "*.yaml"))
        {
            var text = File.ReadAllText(file);
            var flow = text.Replace("\n  ", " ", StringComparison.Ordinal);
            foreach (var t in new[] { text, flow })
            {
                for (var i = 0; i < t.Length; i += 31)
                {
                    _ = PolicyLoader.Load(t[..i], "p.yaml");
                    loaded++;
                }
            }
        }

        Assert.True(loaded > 500, $"{loaded} prefixes");
    }

    [Property(MaxTest = 300)]
    public Property Any_mutation_of_a_policy_is_a_result_not_an_exception() =>
        Prop.ForAll(
            Gen.Choose(0, Base.Length - 1).Zip(Gen.Elements("{", "}", "[", "]", ":", ",", "\n", " ", "\t", "\"", "'", "&a ", "*a", "!", "? ", "- ", "#", "|", ">", "\\", "\0", "%", "---\n", "...\n")).ListOf().Resize(8).ToArbitrary(),
            edits =>
            {
                var text = edits.Aggregate(Base, (t, e) => t.Insert(Math.Min(e.Item1, t.Length), e.Item2));
                var result = PolicyLoader.Load(text, "p.yaml");
                return result.IsValid || result.Problems.Length > 0;
            });

    [Fact]
    public void A_stray_anchor_the_parser_cannot_place_is_a_problem_not_an_exception()
    {
        // The edits the mutation property once found (YamlDotNet threw ArgumentException, not YamlException).
        (int At, string Text)[] edits = [(614, "!"), (1434, ":"), (2005, "&a "), (2103, ":")];
        var text = edits.Aggregate(Base, (t, e) => t.Insert(Math.Min(e.At, t.Length), e.Text));
        var result = PolicyLoader.Load(text, "p.yaml");
        Assert.False(result.IsValid);
        Assert.NotEmpty(result.Problems);
    }

    public static TheoryData<string, byte[]> NotUtf8 => new()
    {
        { "UTF-16 little-endian", [0xFF, 0xFE, (byte)'a', 0, (byte)':', 0] },
        { "UTF-16 big-endian", [0xFE, 0xFF, 0, (byte)'a', 0, (byte)':'] },
        { "UTF-32 little-endian", [0xFF, 0xFE, 0, 0, (byte)'a', 0, 0, 0] },
        { "UTF-32 big-endian", [0, 0, 0xFE, 0xFF, 0, 0, 0, (byte)'a'] },
        { "lone continuation byte", [(byte)'a', (byte)':', (byte)' ', 0x80] },
        { "overlong NUL", [(byte)'a', (byte)':', (byte)' ', 0xC0, 0x80] },
        { "overlong slash", [(byte)'a', (byte)':', (byte)' ', 0xE0, 0x80, 0xAF] },
        { "truncated sequence", [(byte)'a', (byte)':', (byte)' ', 0xE4, 0xB8] },
        { "encoded surrogate", [(byte)'a', (byte)':', (byte)' ', 0xED, 0xA0, 0x80] },
        { "beyond U+10FFFF", [(byte)'a', (byte)':', (byte)' ', 0xF4, 0x90, 0x80, 0x80] },
        { "Latin-1", [(byte)'a', (byte)':', (byte)' ', 0xE9, (byte)'t', (byte)'e'] },
        { "GB 18030", [(byte)'a', (byte)':', (byte)' ', 0xD0, 0xC5, 0xD3, 0xC3] },
    };

    [Theory]
    [MemberData(nameof(NotUtf8))]
    public void Bytes_that_are_not_utf8_are_a_located_problem(string what, byte[] bytes)
    {
        var result = PolicyLoader.Load(bytes, FileName);
        var p = Assert.Single(result.Problems);
        Assert.True(p.Rule == PolicyRules.YamlSyntax, $"{what}: {p}");
        Assert.Contains(bytes[0] is 0 or 0xFF or 0xFE ? "UTF-" : "not UTF-8", p.Message, StringComparison.Ordinal);
        Assert.Equal(FileName, p.File);
        Assert.Equal(1, p.Line);
        Assert.Equal(bytes[0] is 0 or 0xFF or 0xFE ? 1 : 4, p.Column);
    }

    [Fact]
    public void Utf8_with_or_without_a_byte_order_mark_is_read_and_a_second_mark_is_refused()
    {
        var bytes = Encoding.UTF8.GetBytes(Base);
        Assert.True(PolicyLoader.Load(bytes, FileName).IsValid);
        Assert.True(PolicyLoader.Load([0xEF, 0xBB, 0xBF, .. bytes], FileName).IsValid);
        var p = Assert.Single(PolicyLoader.Load([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. bytes], FileName).Problems);
        Assert.Equal((PolicyRules.YamlSyntax, 1, 2), (p.Rule, p.Line, p.Column));
    }

    [Fact]
    public void A_file_too_large_to_be_a_policy_is_refused_unread()
    {
        var path = Path.Combine(Path.GetTempPath(), $"credence-{Guid.NewGuid():N}.yaml");
        using (var f = File.Create(path))
        {
            f.SetLength((4L * PolicyLimits.MaxLength) + 1);
        }

        try
        {
            var p = Assert.Single(PolicyLoader.LoadFile(path).Problems);
            Assert.Equal(PolicyRules.YamlLimit, p.Rule);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_text_with_thousands_of_problems_lists_the_first_hundred_and_counts_the_rest()
    {
        var yaml = Base + string.Concat(Enumerable.Range(0, 5_000).Select(i => $"x-unknown-{i}: 1\n"));
        var problems = Load(yaml).Problems;
        Assert.Equal(PolicyLimits.MaxProblems + 1, problems.Length);
        Assert.All(problems.Take(PolicyLimits.MaxProblems), p => Assert.Equal(PolicyRules.UnknownKey, p.Rule));
        Assert.Equal(PolicyRules.YamlLimit, problems[^1].Rule);
        Assert.Contains("and 4900 more problems", problems[^1].Message, StringComparison.Ordinal);
        Assert.Equal(PolicyLimits.MaxProblems, Load(Base + string.Concat(Enumerable.Range(0, PolicyLimits.MaxProblems).Select(i => $"x-unknown-{i}: 1\n"))).Problems.Length);
    }
}
