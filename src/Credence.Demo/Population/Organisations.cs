using System.Collections;
using Credence.Core.Identifiers;
using Credence.Demo.Catalogue;
using Credence.Demo.Randomness;

namespace Credence.Demo.Population;

/// <summary>
/// The city's organisations, made on demand from their index: companies (registration authority 9,
/// category 1) with new-style organisation codes that start with MA, as codes issued since 2015 do.
/// </summary>
/// <remarks>
/// Implementation note: codes are unique by construction. The six characters after MA write
/// (i × <see cref="Multiplier"/> + a seed-derived offset) mod 31⁶ in the code's 31-character alphabet;
/// the multiplier is prime to 31, so distinct indices give distinct codes while neighbours look
/// unrelated.
/// </remarks>
internal sealed class Organisations : IReadOnlyList<CityOrganisation>
{
    /// <summary>Most organisations a city can hold: the distinct six-character tails.</summary>
    public const int MaxCount = 887_503_681; // 31^6

    private const long Multiplier = 505_306_283; // not a multiple of 31
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly double[] SectorWeights = [15, 20, 20, 8, 12, 18, 7];

    private static readonly string[] TradeNames =
    [
        "Hengda", "Xinyuan", "Huamei", "Jinhai", "Ruifeng", "Tianhong", "Yongsheng", "Zhongxin", "Baolong", "Haitian",
        "Dongfang", "Anda", "Shengshi", "Longteng", "Jiahe", "Mingyang", "Guotai", "Lianhua", "Fuxing", "Kaiyuan",
    ];

    // The same trade names and nouns in Chinese, index for index.
    private static readonly string[] TradeNamesZh =
    [
        "恒达", "鑫源", "华美", "金海", "瑞丰", "天宏", "永盛", "众鑫", "宝隆", "海天",
        "东方", "安达", "盛世", "龙腾", "嘉禾", "明阳", "国泰", "莲花", "富兴", "开元",
    ];

    private static readonly string[][] SectorNounsZh =
    [
        ["食品", "餐饮", "烘焙"],
        ["机械", "化工", "纺织", "电子"],
        ["商贸", "超市", "药房"],
        ["建筑工程", "建材"],
        ["科技", "软件", "网络科技"],
        ["物业服务", "咨询", "酒店管理"],
        ["物流", "货运"],
    ];

    private static readonly string[][] SectorNouns =
    [
        ["Foods", "Catering", "Bakery"],
        ["Machinery", "Chemical", "Textiles", "Electronics"],
        ["Trading", "Supermarket", "Pharmacy"],
        ["Construction Engineering", "Building Materials"],
        ["Technology", "Software", "Network Technology"],
        ["Property Services", "Consulting", "Hotel Management"],
        ["Logistics", "Freight"],
    ];

    private readonly long seed;
    private readonly long offset;

    public Organisations(long seed, int count)
    {
        this.seed = seed;
        Count = count;
        offset = (long)(CityRandom.Mix(unchecked((ulong)seed) ^ Salt.Organisation) % MaxCount);
    }

    public int Count { get; }

    public CityOrganisation this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var random = CityRandom.For(seed, Salt.Organisation, index);
            var (region, sector) = Draw(ref random);
            string[] nouns = SectorNouns[(int)sector - 1];
            var trade = random.Next(TradeNames.Length);
            var noun = random.Next(nouns.Length);
            string name = $"{region.District} {TradeNames[trade]} {nouns[noun]} Co., Ltd.";
            string nameZh = $"{region.DistrictZh}{TradeNamesZh[trade]}{SectorNounsZh[(int)sector - 1][noun]}有限公司";
            return new CityOrganisation(index, CodeOf(index, region), name, region.Code, sector) { NameZh = nameZh };
        }
    }

    /// <summary>The organisation's region and sector, without writing its code or name.</summary>
    public (Region Region, Sector Sector) Sketch(int index)
    {
        var random = CityRandom.For(seed, Salt.Organisation, index);
        return Draw(ref random);
    }

    /// <summary>The code of the organisation with this index, registered in that region.</summary>
    public string CodeOf(int index, Region region)
    {
        long tail = ((index * Multiplier) + offset) % MaxCount;
        Span<char> body = stackalloc char[8];
        body[0] = 'M';
        body[1] = 'A';
        for (int i = 7; i >= 2; i--)
        {
            body[i] = Alphabet[(int)(tail % Alphabet.Length)];
            tail /= Alphabet.Length;
        }

        return UnifiedSocialCreditCode.Create('9', '1', region.Code, new string(body));
    }

    public IEnumerator<CityOrganisation> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static (Region Region, Sector Sector) Draw(ref CityRandom random)
    {
        var region = Regions.All[random.Pick(Regions.OrganisationWeights)];
        return (region, (Sector)(random.Pick(SectorWeights) + 1));
    }
}
