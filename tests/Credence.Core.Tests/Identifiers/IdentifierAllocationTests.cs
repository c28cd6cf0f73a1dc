using Credence.Core.Identifiers;
using static Credence.Core.Tests.Identifiers.TestIdentifiers;

namespace Credence.Core.Tests.Identifiers;

/// <summary>Check runs on every intake: the valid path allocates the verdict and nothing else.</summary>
public class IdentifierAllocationTests
{
    // One IdentifierCheck object is about 100 bytes on 64-bit; anything per call beyond it (a regex
    // match, a LINQ iterator, a substring, a reason string) would push past this bound.
    private const long MaxBytesPerCheck = 128;

    [Fact]
    public void A_valid_canonical_identifier_costs_one_small_allocation()
    {
        foreach (var text in new[] { StandardPerson1949, AllDigitEnterprise, Enterprise })
        {
            const int Checks = 1000;
            Assert.True(SubjectIdentifiers.Check(text, Today).IsValid); // warm up static state

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Checks; i++)
            {
                _ = SubjectIdentifiers.Check(text, Today);
            }

            long perCheck = (GC.GetAllocatedBytesForCurrentThread() - before) / Checks;
            Assert.True(perCheck <= MaxBytesPerCheck, $"{perCheck} bytes per check of {text}");
        }
    }
}
