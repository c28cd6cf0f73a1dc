namespace Credence.Core.Policies;

/// <summary>Severity class of a record type, as credit-repair rules classify dishonest conduct.</summary>
public enum Severity
{
    Minor = 1,
    General = 2,
    Serious = 3,
}
