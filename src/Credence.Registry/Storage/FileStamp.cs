namespace Credence.Registry.Storage;

/// <summary>
/// Where a store's writer stood when a unit of work read a subject's file: the writer's life
/// (<paramref name="Writer"/>, never reused in the process) and its count of file changes then
/// (<paramref name="Position"/>). A later unit of the same writer asks
/// <see cref="IRegistryWriter.FileUnchangedSince"/> whether the file read then is still the subject's file.
/// </summary>
/// <remarks>
/// Implementation note: the default stamp (writer 0) belongs to no writer, so a file read outside a
/// writer's unit (a reader's snapshot) is never taken as current by a unit.
/// </remarks>
public readonly record struct FileStamp(long Writer, long Position);
