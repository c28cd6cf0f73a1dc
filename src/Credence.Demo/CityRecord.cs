using Credence.Core.Intake;

namespace Credence.Demo;

/// <summary>One record version as its source submits it.</summary>
/// <param name="SourceId">The submitting source's id (also in <see cref="RecordLine.Source"/>).</param>
/// <param name="Line">The record in wire form.</param>
public readonly record struct CityRecord(string SourceId, RecordLine Line);
