using System.Diagnostics;
using System.Globalization;
using System.Text;
using Credence.Core.Policies;
using Credence.Core.Records;
using Credence.Core.Scoring;
using Npgsql;
using NpgsqlTypes;

namespace Credence.Rescore.Bench;

/// <summary>
/// The comparison: the same population loaded into PostgreSQL (binary COPY), and the same draft's
/// scores computed there by one SQL statement of our own, written from the policy: points with
/// per-unit amounts, validity windows at the instant, decay, caps (folded in occurrence order where a
/// cap can bind), list holds with fulfilment, terms and extensions, blocks by recent adverse records,
/// grades and measures, as the engine defines them.
/// </summary>
/// <remarks>
/// Implementation note: the statement is generated from the policy the way an analyst would write it
/// by hand for this draft (the catalogue as a table, each list and measure as its own expression), and
/// materialises one row per subject into an unlogged table, so PostgreSQL computes every subject's
/// result without shipping a million rows to the client. It assumes what the draft states (consent is
/// not required); it refuses a policy that needs consent rather than compute something else.
/// </remarks>
internal sealed class PostgresScoring(NpgsqlDataSource source)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public async Task LoadAsync(Population population, Action<string> log)
    {
        await ExecuteAsync("""
            DROP TABLE IF EXISTS versions, subjects, draft_types, rescored;
            CREATE TABLE subjects (id int PRIMARY KEY, kind smallint NOT NULL, born date);
            CREATE TABLE versions (
                subject int NOT NULL, seq int NOT NULL, type text NOT NULL, area smallint NOT NULL,
                occurred timestamptz NOT NULL, reported timestamptz NOT NULL, known_until timestamptz,
                withdrawn boolean NOT NULL, legal_basis boolean NOT NULL, quantity numeric,
                disputed_at timestamptz, repaired_at timestamptz);
            """);
        var watch = Stopwatch.StartNew();
        await using (var connection = await source.OpenConnectionAsync())
        {
            await using (var subjects = await connection.BeginBinaryImportAsync("COPY subjects (id, kind, born) FROM STDIN (FORMAT BINARY)"))
            {
                for (var s = 0; s < population.Subjects; s++)
                {
                    var (subject, _) = population.Subject(s);
                    await subjects.StartRowAsync();
                    await subjects.WriteAsync(s, NpgsqlDbType.Integer);
                    await subjects.WriteAsync((short)subject.Kind, NpgsqlDbType.Smallint);
                    if (subject.BirthDate is { } born)
                    {
                        await subjects.WriteAsync(born, NpgsqlDbType.Date);
                    }
                    else
                    {
                        await subjects.WriteNullAsync();
                    }
                }

                await subjects.CompleteAsync();
            }

            await using var versions = await connection.BeginBinaryImportAsync(
                "COPY versions (subject, seq, type, area, occurred, reported, known_until, withdrawn, legal_basis, quantity, disputed_at, repaired_at) FROM STDIN (FORMAT BINARY)");
            for (var s = 0; s < population.Subjects; s++)
            {
                var (_, rows) = population.Subject(s);
                for (var i = 0; i < rows.Count; i++)
                {
                    var v = rows[i];
                    await versions.StartRowAsync();
                    await versions.WriteAsync(s, NpgsqlDbType.Integer);
                    await versions.WriteAsync(i, NpgsqlDbType.Integer);
                    await versions.WriteAsync(v.Type, NpgsqlDbType.Text);
                    await versions.WriteAsync((short)v.Area, NpgsqlDbType.Smallint);
                    await versions.WriteAsync(Utc(v.Occurred), NpgsqlDbType.TimestampTz);
                    await versions.WriteAsync(Utc(v.Reported), NpgsqlDbType.TimestampTz);
                    await WriteInstantAsync(versions, v.KnownUntil);
                    await versions.WriteAsync(v.Action == RecordAction.Withdrawn, NpgsqlDbType.Boolean);
                    await versions.WriteAsync(v.HasLegalBasis, NpgsqlDbType.Boolean);
                    if (v.Quantity is { } q)
                    {
                        await versions.WriteAsync(q, NpgsqlDbType.Numeric);
                    }
                    else
                    {
                        await versions.WriteNullAsync();
                    }

                    await WriteInstantAsync(versions, v.DisputedAt);
                    await WriteInstantAsync(versions, v.RepairedAt);
                }

                if (s > 0 && s % 200_000 == 0)
                {
                    log($"  copied {s:N0} subjects ({watch.Elapsed.TotalSeconds:F0} s)");
                }
            }

            await versions.CompleteAsync();
        }

        log($"  COPY done in {watch.Elapsed.TotalSeconds:F1} s; indexing and analysing");

        // A registry reads a subject's versions by subject: the index any such table has.
        await ExecuteAsync("CREATE INDEX versions_subject ON versions (subject, seq)");
        await ExecuteAsync("VACUUM ANALYZE subjects");
        await ExecuteAsync("VACUUM ANALYZE versions");
    }

    /// <summary>The draft's catalogue as a table the statement joins.</summary>
    public async Task LoadPolicyAsync(Policy policy)
    {
        var rows = policy.RecordTypes.Select((t, i) => string.Create(Invariant,
            $"('{t.Id}', {i}, {(int)t.Area}, {t.Points}, {Int(t.PerUnit?.Points)}, {Dec(t.PerUnit?.Per)}, {Int(t.PerUnit?.MaxSteps)}, {t.Lasts.Years}, {t.Lasts.Months}, {t.Lasts.Days}, {Bool(t.Decays)}, {Bool(t.Cap is not null)}, {t.Cap?.Points ?? 0}, {t.Cap?.Window.Years ?? 0}, {t.Cap?.Window.Months ?? 0}, {t.Cap?.Window.Days ?? 0}, {Bool(t.IsNegative)}, {Bool(t.CountsWhileDisputed)})"));
        await ExecuteAsync($"""
            DROP TABLE IF EXISTS draft_types;
            CREATE TABLE draft_types (
                name text PRIMARY KEY, idx int NOT NULL, area smallint NOT NULL, points int NOT NULL,
                pu_points int, pu_per numeric, pu_max int, lasts_y int, lasts_m int, lasts_d int, decays boolean,
                capped boolean, cap_points int, cap_y int, cap_m int, cap_d int, negative boolean, counts_while_disputed boolean);
            INSERT INTO draft_types VALUES {string.Join(",\n", rows)};
            ANALYZE draft_types;
            """);
    }

    /// <summary>Runs the scoring statement into <c>rescored</c>; returns its wall time.</summary>
    public async Task<TimeSpan> ScoreAsync(CompiledPolicy draft, DateTimeOffset asOf)
    {
        var sql = Statement(draft);
        await ExecuteAsync("DROP TABLE IF EXISTS rescored");
        await using var connection = await source.OpenConnectionAsync();
        await using (var settings = new NpgsqlCommand("SET TIME ZONE 'UTC'; SET work_mem = '256MB'; SET max_parallel_workers_per_gather = 2;", connection))
        {
            await settings.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter("t", NpgsqlDbType.TimestampTz) { Value = asOf.UtcDateTime });
        var watch = Stopwatch.StartNew();
        await command.ExecuteNonQueryAsync();
        return watch.Elapsed;
    }

    /// <summary>The statement's plan with its actual times (EXPLAIN ANALYZE), for looking into the SQL side.</summary>
    public async Task<string> ExplainAsync(CompiledPolicy draft, DateTimeOffset asOf)
    {
        await ExecuteAsync("DROP TABLE IF EXISTS rescored");
        await using var connection = await source.OpenConnectionAsync();
        await using (var settings = new NpgsqlCommand("SET TIME ZONE 'UTC'; SET work_mem = '256MB'; SET max_parallel_workers_per_gather = 2;", connection))
        {
            await settings.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, COSTS OFF) " + Statement(draft), connection) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter("t", NpgsqlDbType.TimestampTz) { Value = asOf.UtcDateTime });
        var lines = new StringBuilder();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.AppendLine(reader.GetString(0));
        }

        return lines.ToString();
    }

    /// <summary>The statement's results for the given subjects, as the engine's summary type.</summary>
    public async Task<Dictionary<int, ScoreSummary>> ReadAsync(int[] subjects)
    {
        var result = new Dictionary<int, ScoreSummary>();
        await using var command = source.CreateCommand("SELECT subject, status, score, grade, lists, measures FROM rescored WHERE subject = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = subjects, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[reader.GetInt32(0)] = new ScoreSummary((ScoreStatus)reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), unchecked((ulong)reader.GetInt64(4)), unchecked((ulong)reader.GetInt64(5)));
        }

        return result;
    }

    /// <summary>Every outcome kind (status, grade, lists, measures) with its number of subjects and their score sum.</summary>
    public async Task<Dictionary<ScoreSummary, (long Count, long Sum)>> TallyAsync()
    {
        var result = new Dictionary<ScoreSummary, (long, long)>();
        await using var command = source.CreateCommand("SELECT status, grade, lists, measures, count(*), sum(score)::bigint FROM rescored GROUP BY 1, 2, 3, 4");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[new ScoreSummary((ScoreStatus)reader.GetInt32(0), 0, reader.GetInt32(1), unchecked((ulong)reader.GetInt64(2)), unchecked((ulong)reader.GetInt64(3)))] = (reader.GetInt64(4), reader.GetInt64(5));
        }

        return result;
    }

    /// <summary>The scoring statement for <paramref name="compiled"/> at the instant bound to <c>@t</c>.</summary>
    public static string Statement(CompiledPolicy compiled)
    {
        var p = compiled.Policy;
        if (p.ConsentRequired)
        {
            throw new NotSupportedException("the SQL comparison is written for a policy that does not require consent");
        }

        var types = p.RecordTypes;
        string Ids(IEnumerable<string> ids) => string.Join(", ", ids.Select(compiled.TypeIndex).Where(i => i >= 0).Distinct().Order().Select(i => i.ToString(Invariant)));
        static string Add(string at, PolicyDuration d) =>
            string.Create(Invariant, $"({at} + make_interval(years => {d.Years}) + make_interval(months => {d.Months}) + make_interval(days => {d.Days}))");

        var with = new StringBuilder();
        var aggregates = new StringBuilder();
        var capped = types.Select((t, i) => (t, i)).Where(x => x.t.Cap is not null).ToList();
        foreach (var (t, i) in capped)
        {
            aggregates.Append(Invariant, $",\n        sum(abs(contrib)) FILTER (WHERE idx = {i}) AS cap_{i}");
        }

        for (var l = 0; l < p.Lists.Length; l++)
        {
            var list = p.Lists[l];
            if (list.Entry.RestsOnRecords)
            {
                aggregates.Append(Invariant, $",\n        bool_or(idx IN ({Ids(list.Entry.ActiveRecordOf)}) AND start <= @t AND @t < cut) AS entry_{l}");
            }

            if (list.Entry.NoNegativeRecordWithin is { } within)
            {
                aggregates.Append(Invariant, $",\n        bool_or(CASE WHEN negative AND start <= @t AND @t < cut THEN @t < {Add("occurred", within)} ELSE false END) AS blocked_{l}");
            }
        }

        // Caps: a group of one subject's counting facts of a capped type can only be limited when its
        // magnitudes add up past the cap; only those groups are folded, in occurrence order.
        var needs = capped.Count == 0
            ? "SELECT NULL::int AS subject, NULL::int AS idx WHERE false"
            : string.Join("\n        UNION ALL ", capped.Select(x => string.Create(Invariant, $"SELECT subject, {x.i} AS idx FROM agg WHERE cap_{x.i} > {x.t.Cap!.Points}")));
        static string Limit(string points, string cap, string used) =>
            $"(CASE WHEN abs({points}) <= greatest(0, {cap} - {used}) THEN {points} ELSE sign({points})::int * greatest(0, {cap} - {used})::int END)";

        var held = new List<string>();
        for (var l = 0; l < p.Lists.Length; l++)
        {
            var list = p.Lists[l];
            if (!list.Entry.RestsOnRecords)
            {
                continue;
            }

            // Which fulfilment types answer which entry type (the short form pairs by matter).
            var entries = list.Entry.ActiveRecordOf.Select(compiled.TypeIndex).Where(i => i >= 0).Distinct().ToList();
            var answers = entries.Select(e =>
            {
                var by = (list.Exit.FulfilledBy.IsDefault ? [] : list.Exit.FulfilledBy).Where(f => p.FindRecordType(f) is { } ft && ft.Matter == types[e].Matter)
                    .Concat((list.Exit.Rules.IsDefault ? [] : list.Exit.Rules).Where(r => !r.For.IsDefault && r.For.Any(f => compiled.TypeIndex(f) == e)).SelectMany(r => r.By.IsDefault ? [] : r.By));
                var ids = Ids(by);
                return ids.Length == 0 ? null : string.Create(Invariant, $"(e.idx = {e} AND g.idx IN ({ids}))");
            }).OfType<string>().ToList();
            var answered = answers.Count == 0 ? string.Empty : $"""

                      AND NOT EXISTS (SELECT 1 FROM c g WHERE g.subject = e.subject AND g.occurred >= e.occurred AND g.start <= @t AND @t < g.known_until
                                      AND ({string.Join(" OR ", answers)}))
                """;
            with.Append(Invariant, $"""
                ,
                ent_{l} AS (
                    SELECT e.subject, e.seq, e.occurred, e.ends FROM c e JOIN agg a ON a.subject = e.subject AND a.entry_{l}
                    WHERE e.idx IN ({Ids(list.Entry.ActiveRecordOf)}) AND e.start <= @t AND @t < e.cut{answered})
                """);
            if (list.Exit.Term is { } term)
            {
                var walk = $"SELECT subject, seq AS fseq, 0 AS m, {Add("occurred", term)} AS ends FROM ent_{l}";
                if (list.Exit.Extension is { } extension)
                {
                    with.Append(Invariant, $"""
                        ,
                        xr_{l} AS (
                            SELECT e.subject, e.seq AS fseq, x.occurred, row_number() OVER (PARTITION BY e.subject, e.seq ORDER BY x.occurred, x.seq) AS rn
                            FROM ent_{l} e JOIN c x ON x.subject = e.subject
                            WHERE x.idx IN ({Ids(extension.By)}) AND x.occurred >= e.occurred AND x.start <= @t AND @t < x.known_until),
                        walk_{l} AS (
                            {walk}
                            UNION ALL
                            SELECT w.subject, w.fseq, w.m + 1, {Add("w.ends", extension.Length)}
                            FROM walk_{l} w JOIN xr_{l} x ON x.subject = w.subject AND x.fseq = w.fseq AND x.rn = w.m + 1
                            WHERE x.occurred < w.ends)
                        """);
                }
                else
                {
                    with.Append(Invariant, $",\nwalk_{l} AS ({walk})");
                }

                with.Append(Invariant, $",\nheld_{l} AS (SELECT DISTINCT subject FROM (SELECT subject, fseq, max(ends) AS ends FROM walk_{l} GROUP BY subject, fseq) z WHERE @t < z.ends)");
            }
            else
            {
                with.Append(Invariant, $",\nheld_{l} AS (SELECT DISTINCT subject FROM ent_{l} WHERE @t < ends)");
            }

            held.Add($"LEFT JOIN held_{l} h{l} ON h{l}.subject = s.id");
        }

        // Grades, lists and measures of a scored subject, as the compiled policy's sets define them.
        var grade = "CASE " + string.Concat(p.Grades.Select((g, i) => string.Create(Invariant, $"WHEN score >= {g.Minimum} THEN {i} "))) + string.Create(Invariant, $"ELSE {p.Grades.Length - 1} END");
        string GradeWithin(string? atLeast, string? atMost) =>
            string.Join(" AND ", Enumerable.Repeat("true", 1)
                .Concat(atLeast is null ? [] : [string.Create(Invariant, $"grade <= {compiled.GradeIndex(atLeast)}")])
                .Concat(atMost is null ? [] : [string.Create(Invariant, $"grade >= {compiled.GradeIndex(atMost)}")]));
        var listBits = p.Lists.Select((list, l) =>
        {
            var conditions = new List<string>();
            if (list.Entry.RestsOnRecords)
            {
                conditions.Add($"on_{l}");
            }

            conditions.Add(GradeWithin(list.Entry.GradeAtLeast, list.Entry.GradeAtMost));
            if (list.Entry.NoNegativeRecordWithin is not null)
            {
                conditions.Add($"NOT blocked_{l}");
            }

            return string.Create(Invariant, $"CASE WHEN {string.Join(" AND ", conditions)} THEN {1L << l} ELSE 0 END");
        });
        var measureBits = p.Measures.Select((m, i) =>
        {
            var trigger = m.Trigger;
            if (trigger.List is null && trigger.GradeAtLeast is null && trigger.GradeAtMost is null)
            {
                return "0";
            }

            var onList = trigger.List is { } listId ? string.Create(Invariant, $"(lists & {1L << compiled.ListIndex(listId)}) <> 0") : "true";
            return string.Create(Invariant, $"CASE WHEN {onList} AND {GradeWithin(trigger.GradeAtLeast, trigger.GradeAtMost)} THEN {1L << i} ELSE 0 END");
        });
        var onLists = string.Concat(p.Lists.Select((list, l) => list.Entry.RestsOnRecords ? $", h{l}.subject IS NOT NULL AS on_{l}" : string.Empty));
        var blockedColumns = string.Concat(p.Lists.Select((list, l) => list.Entry.NoNegativeRecordWithin is not null ? $", coalesce(a.blocked_{l}, false) AS blocked_{l}" : string.Empty));
        var decay = "(CASE WHEN trunc(extract(epoch FROM (x.ends - f.occurred)) * 1000) <= 0 THEN 0 ELSE (f.points::bigint * trunc(extract(epoch FROM (x.ends - @t)) * 1000)::bigint / trunc(extract(epoch FROM (x.ends - f.occurred)) * 1000)::bigint)::int END)";
        var window = "(g.occurred - make_interval(days => g.cap_d) - make_interval(months => g.cap_m) - make_interval(years => g.cap_y))";
        return string.Create(Invariant, $"""
            CREATE UNLOGGED TABLE rescored AS
            WITH RECURSIVE
            f AS NOT MATERIALIZED (
                SELECT v.subject, v.seq, v.occurred, p.idx, p.negative, p.capped, p.cap_points, p.cap_y, p.cap_m, p.cap_d, p.decays,
                       p.lasts_y, p.lasts_m, p.lasts_d,
                       greatest(v.occurred, v.reported) AS start,
                       least(coalesce(v.known_until, 'infinity'), coalesce(v.repaired_at, 'infinity'),
                             CASE WHEN p.counts_while_disputed THEN 'infinity'::timestamptz ELSE coalesce(v.disputed_at, 'infinity') END) AS cut,
                       coalesce(v.known_until, 'infinity') AS known_until,
                       p.points + CASE WHEN p.pu_points IS NOT NULL AND v.quantity > 0 AND p.pu_per > 0
                           THEN greatest(-536870912, least(536870911,
                                (CASE WHEN p.pu_max IS NOT NULL THEN least(floor(v.quantity / p.pu_per), p.pu_max) ELSE floor(v.quantity / p.pu_per) END) * p.pu_points))::int
                           ELSE 0 END AS points
                FROM versions v JOIN draft_types p ON p.name = v.type AND p.area = v.area
                WHERE NOT v.withdrawn AND (v.legal_basis OR NOT p.negative)),
            c AS NOT MATERIALIZED (
                SELECT f.*, x.ends,
                       CASE WHEN f.start <= @t AND @t < f.cut AND @t < x.ends THEN (CASE WHEN f.decays THEN {decay} ELSE f.points END) ELSE 0 END AS contrib
                FROM f CROSS JOIN LATERAL (SELECT (f.occurred + make_interval(years => f.lasts_y) + make_interval(months => f.lasts_m) + make_interval(days => f.lasts_d)) AS ends) x),
            agg AS (
                SELECT subject,
                    coalesce(sum(contrib) FILTER (WHERE NOT capped), 0) AS plain,
                    coalesce(sum(contrib) FILTER (WHERE capped), 0) AS capped_raw{aggregates}
                FROM c GROUP BY subject),
            need AS ({needs}),
            g AS (
                SELECT c.subject, c.idx, c.seq, c.occurred, c.contrib, c.cap_points, c.cap_y, c.cap_m, c.cap_d,
                       row_number() OVER (PARTITION BY c.subject, c.idx ORDER BY c.occurred, c.seq) AS rn
                FROM c JOIN need ON need.subject = c.subject AND need.idx = c.idx
                WHERE c.contrib <> 0),
            fold AS (
                SELECT g.subject, g.idx, g.rn, ARRAY[g.occurred] AS occs, ARRAY[{Limit("g.contrib", "g.cap_points", "0")}] AS cs FROM g WHERE g.rn = 1
                UNION ALL
                SELECT g.subject, g.idx, g.rn, fold.occs || g.occurred,
                       fold.cs || {Limit("g.contrib", "g.cap_points", $"(SELECT coalesce(sum(abs(u.c)), 0) FROM unnest(fold.occs, fold.cs) u(o, c) WHERE u.o >= {window})")}
                FROM fold JOIN g ON g.subject = fold.subject AND g.idx = fold.idx AND g.rn = fold.rn + 1),
            capfix AS (
                SELECT z.subject, sum(z.folded - r.raw) AS adjustment
                FROM (SELECT DISTINCT ON (subject, idx) subject, idx, (SELECT sum(x) FROM unnest(cs) x) AS folded FROM fold ORDER BY subject, idx, rn DESC) z
                JOIN (SELECT subject, idx, sum(contrib) AS raw FROM g GROUP BY subject, idx) r ON r.subject = z.subject AND r.idx = z.idx
                GROUP BY z.subject){with}
            SELECT subject, status,
                   CASE WHEN status = 1 THEN score ELSE 0 END AS score,
                   CASE WHEN status = 1 THEN grade ELSE -1 END AS grade,
                   CASE WHEN status = 1 THEN lists ELSE 0 END AS lists,
                   CASE WHEN status = 1 THEN {string.Join(" | ", measureBits)} ELSE 0 END::bigint AS measures
            FROM (
                SELECT *, ({string.Join(" | ", listBits)})::bigint AS lists
                FROM (
                    SELECT *, {grade} AS grade
                    FROM (
                        SELECT s.id AS subject,
                               CASE WHEN s.kind <> {(int)p.Subjects} THEN {(int)ScoreStatus.NotCovered}
                                    WHEN s.born IS NOT NULL AND @t < ((s.born + make_interval(years => {Math.Max(p.MinimumAge, 0)}))::timestamp AT TIME ZONE 'UTC') THEN {(int)ScoreStatus.UnderAge}
                                    ELSE {(int)ScoreStatus.Scored} END AS status,
                               greatest({p.Scale.Min}, least({p.Scale.Max}, {p.Scale.Base} + coalesce(a.plain, 0) + coalesce(a.capped_raw, 0) + coalesce(cf.adjustment, 0)))::int AS score
                               {onLists}{blockedColumns}
                        FROM subjects s
                        LEFT JOIN agg a ON a.subject = s.id
                        LEFT JOIN capfix cf ON cf.subject = s.id
                        {string.Join("\n                    ", held)}
                    ) scored
                ) graded
            ) listed
            """);
    }

    private static DateTime Utc(long ticks) => new(ticks, DateTimeKind.Utc);

    private static async Task WriteInstantAsync(NpgsqlBinaryImporter importer, long ticks)
    {
        if (ticks == long.MaxValue)
        {
            await importer.WriteNullAsync();
        }
        else
        {
            await importer.WriteAsync(Utc(ticks), NpgsqlDbType.TimestampTz);
        }
    }

    private static string Int(int? value) => value is { } v ? v.ToString(Invariant) : "NULL";

    private static string Dec(decimal? value) => value is { } v ? v.ToString(Invariant) : "NULL";

    private static string Bool(bool value) => value ? "true" : "false";

    private async Task ExecuteAsync(string sql)
    {
        await using var command = source.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}
