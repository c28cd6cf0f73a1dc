namespace Credence.Core.Records;

/// <summary>What a record version does to the record it belongs to.</summary>
public enum RecordAction
{
    /// <summary>The first version: the source reports the fact.</summary>
    Submitted = 1,

    /// <summary>A later version that replaces the facts of the previous one.</summary>
    Corrected = 2,

    /// <summary>A later version that withdraws the record: it stops counting from then on.</summary>
    Withdrawn = 3,
}
