namespace Credence.Core.Records;

/// <summary>The four areas of social credit that records and measures belong to.</summary>
public enum Area
{
    Administrative = 1,
    Commercial = 2,
    Social = 3,
    Judicial = 4,
}
