namespace Credence.Demo.Randomness;

/// <summary>Separates the city's random streams, so that each purpose draws independently.</summary>
internal static class Salt
{
    public const ulong Person = 0x5045_5253_4F4E_0001;
    public const ulong PersonStory = 0x5045_5253_4F4E_0002;
    public const ulong Organisation = 0x4F52_4741_4E49_0001;
    public const ulong OrganisationStory = 0x4F52_4741_4E49_0002;
    public const ulong Reference = 0x5245_4645_5245_0001;
    public const ulong Contract = 0x434F_4E54_5241_0001;
}
