namespace Credence.Core.Policies;

/// <summary>A redlist rewards; a blacklist marks adverse conduct.</summary>
public enum ListKind
{
    Redlist = 1,
    Blacklist = 2,
}
