using Credence.Portal.Localization;

namespace Credence.Portal.Tests.Unit;

public sealed class CultureTests
{
    [Theory]
    [InlineData("zh-CN,zh;q=0.9,en;q=0.8", "zh-CN")]
    [InlineData("zh", "zh-CN")]
    [InlineData("zh-Hans-CN", "zh-CN")]
    [InlineData("zh-TW,zh;q=0.9", "zh-CN")]
    [InlineData("ZH-hk", "zh-CN")]
    [InlineData("en-GB,en;q=0.9", "en")]
    [InlineData("en;q=0.5, zh;q=0.9", "zh-CN")]
    [InlineData("fr-FR, de;q=0.9, zh;q=0.1", "zh-CN")]
    [InlineData("fr-FR,de;q=0.9,en;q=0.8,zh;q=0.8", "en")]
    [InlineData("zh;q=0, en", "en")]
    public void The_browser_s_first_language_the_portal_speaks_wins(string header, string expected) =>
        Assert.Equal(expected, PortalCultures.FromAcceptLanguage(header)?.Cultures.Single().Value);

    [Theory]
    [InlineData("")]
    [InlineData("fr-FR, de")]
    [InlineData("zhx, eng")]
    [InlineData("*")]
    public void A_browser_asking_for_no_language_the_portal_speaks_gets_the_default(string header) =>
        Assert.Null(PortalCultures.FromAcceptLanguage(header));

    [Theory]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("/", "/")]
    [InlineData("/ledger?x=1", "/ledger?x=1")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("evil.example", "/")]
    [InlineData("/\nLocation: x", "/")]
    public void A_return_address_is_a_local_path_or_the_home_page(string? back, string expected) =>
        Assert.Equal(expected, PortalSetup.LocalPath(back));
}
