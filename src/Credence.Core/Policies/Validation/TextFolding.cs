using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Credence.Core.Policies.Validation;

/// <summary>
/// Folds the spellings an author could use to slip a term past the curated lists into one form:
/// compatibility forms (full-width Latin, ligatures, circled and mathematical letters), accents and
/// invisible characters, Cyrillic and Greek letters that look Latin, and traditional Chinese characters.
/// </summary>
/// <remarks>
/// Implementation note: the registry runs in invariant globalization mode, where
/// <see cref="string.Normalize()"/> does not decompose, so the compatibility folding NFKC would do
/// for these cases is done here: "ｐａｒｅｎｔ", "𝐩𝐚𝐫𝐞𝐧𝐭", "pärent", "pa\u0301rent" and
/// "pa\u200Brent" all read "parent". Combining marks and format characters are dropped by their
/// Unicode category, which invariant mode knows. The look-alike and traditional tables are small on
/// purpose: they cover the letters and characters that occur in the terms of
/// <see cref="ProtectedMatters"/>, <see cref="OtherSubjectTerms"/>, <see cref="MinorTerms"/>,
/// <see cref="EntitlementTerms"/> and <see cref="FavourTerms"/>, which is what matters for a match.
/// </remarks>
internal static class TextFolding
{
    private const string Accented = "àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįĵķĺļľŀłñńņňòóôõöōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž";
    private const string Plain = "aaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiijklllllnnnnoooooooorrrsssstttuuuuuuuuuuwyyyzzz";

    private static readonly FrozenDictionary<char, char> LookAlike = Table(Accented, Plain, new Dictionary<char, char>
    {
        // Cyrillic.
        ['а'] = 'a', ['в'] = 'b', ['е'] = 'e', ['ё'] = 'e', ['к'] = 'k', ['м'] = 'm', ['н'] = 'h', ['о'] = 'o',
        ['р'] = 'p', ['с'] = 'c', ['т'] = 't', ['у'] = 'y', ['х'] = 'x', ['ѕ'] = 's', ['і'] = 'i', ['ї'] = 'i',
        ['ј'] = 'j', ['ԁ'] = 'd', ['һ'] = 'h', ['ӏ'] = 'l', ['ԛ'] = 'q', ['ԝ'] = 'w', ['ո'] = 'n', ['ս'] = 'u',
        // Greek.
        ['α'] = 'a', ['β'] = 'b', ['ε'] = 'e', ['ι'] = 'i', ['κ'] = 'k', ['ν'] = 'v', ['ο'] = 'o', ['ρ'] = 'p',
        ['τ'] = 't', ['υ'] = 'u', ['χ'] = 'x', ['ϲ'] = 'c', ['γ'] = 'y',
        // Latin letters outside ASCII that read as ASCII ones.
        ['ı'] = 'i', ['ȷ'] = 'j', ['ø'] = 'o', ['ß'] = 's', ['ɡ'] = 'g', ['ɑ'] = 'a',
    });

    // Traditional -> simplified for the characters of the Chinese terms.
    private const string Traditional = "親屬兒學東關聯業員僱孫種貫論觀點訪醫療懷殘傳臉識別紋聲蹤軌跡監會計劃離係黨選舉謠議擔證連戶雙園託齡歲們稅寬許總經營國鄰團體權錄車飛機鐵導產補貼費養撫贍嬰級師讀勞動條線場銷負責規則買賣綠優價貴賓遊館運電護險藥區執禮禱廟靈紅單門齒裡長輩孃媽爺隸屬買屋樓層租賃學簽證職僅兩罰違約債務還銀貸卡漢滿維藏蒙話語絡網線報紙題權益實際夥後歷嚴與準類";
    private const string Simplified = "亲属儿学东关联业员雇孙种贯论观点访医疗怀残传脸识别纹声踪轨迹监会计划离系党选举谣议担证连户双园托龄岁们税宽许总经营国邻团体权录车飞机铁导产补贴费养抚赡婴级师读劳动条线场销负责规则买卖绿优价贵宾游馆运电护险药区执礼祷庙灵红单门齿里长辈娘妈爷隶属买屋楼层租赁学签证职仅两罚违约债务还银贷卡汉满维藏蒙话语络网线报纸题权益实际伙后历严与准类";

    private static readonly FrozenDictionary<char, char> ToSimplified = Pairs();

    /// <summary>
    /// <paramref name="text"/> folded: compatibility forms to ASCII, without marks or invisible
    /// characters, look-alike letters and traditional characters replaced, lower case, camelCase
    /// words split.
    /// </summary>
    public static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        var previous = Rune.ReplacementChar;
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
            {
                continue;
            }

            var folded = Compatibility(rune);
            foreach (var ch in folded)
            {
                // employerTaxEvasion reads "employer tax evasion".
                if (char.IsUpper(ch) && Rune.IsLower(previous))
                {
                    sb.Append(' ');
                }

                var lower = char.ToLowerInvariant(ch);
                lower = LookAlike.GetValueOrDefault(lower, lower);
                sb.Append(ToSimplified.GetValueOrDefault(lower, lower));
                previous = new Rune(ch);
            }

            if (folded.Length == 0)
            {
                previous = rune;
            }
        }

        return sb.ToString();
    }

    // The compatibility decompositions that matter here: full-width forms, ligatures, circled,
    // parenthesised and mathematical letters and digits.
    private static string Compatibility(Rune rune)
    {
        var v = rune.Value;
        return v switch
        {
            >= 0xFF01 and <= 0xFF5E => ((char)(v - 0xFEE0)).ToString(),
            0x3000 => " ",
            0xFB00 => "ff",
            0xFB01 => "fi",
            0xFB02 => "fl",
            0xFB03 => "ffi",
            0xFB04 => "ffl",
            0xFB05 or 0xFB06 => "st",
            >= 0x24B6 and <= 0x24CF => ((char)('A' + v - 0x24B6)).ToString(),
            >= 0x24D0 and <= 0x24E9 => ((char)('a' + v - 0x24D0)).ToString(),
            >= 0x249C and <= 0x24B5 => ((char)('a' + v - 0x249C)).ToString(),
            >= 0x1D400 and <= 0x1D6A3 => ((v - 0x1D400) % 52 is var i && i < 26 ? (char)('A' + i) : (char)('a' + i - 26)).ToString(),
            >= 0x1D7CE and <= 0x1D7FF => ((char)('0' + ((v - 0x1D7CE) % 10))).ToString(),
            _ => rune.ToString(),
        };
    }

    /// <summary>True for a CJK unified ideograph, between which separators are dropped ("子 女" reads "子女").</summary>
    public static bool IsIdeograph(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    private static FrozenDictionary<char, char> Pairs() => Table(Traditional, Simplified, []);

    private static FrozenDictionary<char, char> Table(string from, string to, Dictionary<char, char> more)
    {
        for (var i = 0; i < from.Length; i++)
        {
            if (from[i] != to[i])
            {
                more.TryAdd(from[i], to[i]);
            }
        }

        return more.ToFrozenDictionary();
    }
}
