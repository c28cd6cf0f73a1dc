using Microsoft.Extensions.Logging;

namespace Credence.App.Http;

/// <summary>The API's structured log events (source-generated: no formatting cost when a level is off).</summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Credence registry listening on {Urls} with database {Database} (schema {Schema})")]
    public static partial void Started(ILogger logger, string urls, string database, int schema);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Credence registry stopping: draining the writer")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Credence registry stopped cleanly")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "{Method} {Path} refused {Status} {ProblemType}: {Detail}")]
    public static partial void Refused(ILogger logger, string method, string path, int status, string problemType, string detail);

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug, Message = "{Method} {Path} {Status}")]
    public static partial void Answered(ILogger logger, string method, string path, int status);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "client {Client} over its limit of {Limit}: {Method} {Path} answered 429, retry after {RetryAfterSeconds} s")]
    public static partial void Limited(ILogger logger, string client, string limit, string method, string path, long retryAfterSeconds);

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    public static partial void Failed(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "{Method} {Path} answered 503 store-unavailable: {Detail}")]
    public static partial void StoreUnavailable(ILogger logger, string method, string path, string detail);

    [LoggerMessage(EventId = 30, Level = LogLevel.Error, Message = "due-process scheduler run failed; it is retried from stored state")]
    public static partial void SchedulerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "the registry's gauges could not be read; they keep their last values")]
    public static partial void GaugesFailed(ILogger logger, Exception exception);
}
