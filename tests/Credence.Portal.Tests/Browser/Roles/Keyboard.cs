using Microsoft.Playwright;

namespace Credence.Portal.Tests.Browser.Roles;

/// <summary>Keyboard-only form use: Tab until a field has the focus, as a person without a mouse would.</summary>
internal static class Keyboard
{
    /// <summary>Presses Tab until the element with <paramref name="id"/> has the focus; fails if 80 presses do not reach it.</summary>
    public static async Task TabToAsync(IPage page, string id)
    {
        for (var i = 0; i < 80; i++)
        {
            if (await page.EvaluateAsync<string>("document.activeElement && document.activeElement.id") == id)
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached #{id}");
    }

    /// <summary>Presses Tab until a submit button whose text is <paramref name="text"/> has the focus.</summary>
    public static async Task TabToButtonAsync(IPage page, string text)
    {
        for (var i = 0; i < 80; i++)
        {
            if (await page.EvaluateAsync<string>("document.activeElement && document.activeElement.tagName === 'BUTTON' ? document.activeElement.innerText.trim() : ''") == text)
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached the button '{text}'");
    }
}
