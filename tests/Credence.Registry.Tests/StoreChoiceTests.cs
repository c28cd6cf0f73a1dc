using Credence.Registry.Storage;

namespace Credence.Registry.Tests;

/// <summary>The chooser finds every store by its provider and names none of them itself.</summary>
public sealed class StoreChoiceTests
{
    [Theory]
    [InlineData("sqlite", true)]
    [InlineData("SQLite", true)]
    [InlineData(" postgres ", false)]
    public void Every_named_store_has_a_provider(string kind, bool isFile)
    {
        var choice = StoreChoice.Parse(kind, isFile ? "registry.db" : "Host=127.0.0.1;Database=credence;Password=s3cret");
        Assert.Equal(isFile, choice.IsFile);
        Assert.DoesNotContain("s3cret", choice.Describe(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", choice.ToString(), StringComparison.Ordinal);
        Assert.Equal(isFile ? "registry.db" : "credence", choice.Name);
    }

    [Theory]
    [InlineData("mysql")]
    [InlineData("")]
    [InlineData("sqlite3")]
    [InlineData("ｓｑｌｉｔｅ")]
    public void A_store_no_provider_answers_to_is_refused(string kind)
    {
        Assert.Throws<ArgumentException>(() => StoreChoice.Parse(kind, "x"));
        var made = new StoreChoice(kind, "x");
        Assert.Throws<NotSupportedException>(() => made.Open(TimeProvider.System));
        Assert.Throws<NotSupportedException>(made.OpenReadOnly);
        Assert.Throws<NotSupportedException>(() => made.Describe());
    }

    [Fact]
    public void The_chooser_names_no_store_type()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Credence.Registry", "Storage", "StoreChoice.cs"));
        Assert.DoesNotContain("Storage.Sqlite", source, StringComparison.Ordinal);
        Assert.DoesNotContain("Storage.Postgres", source, StringComparison.Ordinal);
        Assert.DoesNotContain("RegistryStore.", source, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Credence.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("Credence.slnx not found above the test's directory");
    }
}
