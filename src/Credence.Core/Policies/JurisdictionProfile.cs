namespace Credence.Core.Policies;

/// <summary>The jurisdiction profile a policy names; validation enforces its rules.</summary>
public enum JurisdictionProfile
{
    /// <summary>PRC credit repair: publication periods by severity, court defaulter list terms.</summary>
    PrcCreditRepair = 1,

    /// <summary>US Fair Credit Reporting Act: dispute deadlines, ageing out, key factors.</summary>
    Fcra = 2,

    /// <summary>EU AI Act Article 5(1)(c) and GDPR Article 22: related context, proportionality.</summary>
    EuAiAct = 3,
}
