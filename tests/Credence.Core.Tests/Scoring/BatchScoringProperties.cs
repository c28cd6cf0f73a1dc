using Credence.Core.Identifiers;
using Credence.Core.Policies;
using Credence.Core.Policies.Loading;
using Credence.Core.Records;
using Credence.Core.Scoring;
using FsCheck.Xunit;

namespace Credence.Core.Tests.Scoring;

/// <summary>
/// The batch re-scoring kernel must give, field for field, what the engine gives for each subject's
/// compiled file: over random policies (the shipped ones and the test policy, with their points,
/// lengths, decay, caps, list terms, extensions, blocks, consent and minimum age varied), random files
/// (every kind of version the engine ignores, corrections, withdrawals, disputes, repairs, late reports,
/// month ends and leap days) and random instants, among them the instants where something changes.
/// </summary>
public class BatchScoringProperties
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 31, 0, 0, 0, TimeSpan.Zero);

    private static readonly Policy[] Policies =
    [
        Sample.Policy(),
        .. new[] { "rongcheng-persons.yaml", "sesame-persons.yaml", "organisations.yaml", "court-defaulters.yaml" }
            .Select(f => PolicyLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "policies", f)).Policy!),
    ];

    private static readonly PolicyDuration[] Lengths =
        [PolicyDuration.FromDays(45), PolicyDuration.FromMonths(1), PolicyDuration.FromMonths(3), new PolicyDuration(1, 1, 0), PolicyDuration.FromYears(2), new PolicyDuration(0, 1, 3)];

    [Property(MaxTest = 400)]
    public bool The_batch_kernel_scores_every_subject_as_the_engine_does(int seed)
    {
        var random = new Random(seed);
        var policy = Vary(Policies[random.Next(Policies.Length)], random);
        var compiled = CompiledPolicy.Compile(policy);
        var files = Enumerable.Range(0, 1 + random.Next(8)).Select(i => File(policy, random, i)).ToArray();
        var builder = new RecordColumnsBuilder();
        foreach (var file in files)
        {
            builder.Add(file);
        }

        var columns = builder.Build();
        var consents = files.Select(_ => random.Next(3) > 0).ToArray();
        foreach (var asOf in Instants(files, random))
        {
            var batch = BatchScoring.ScoreAll(compiled, columns, asOf, consents);
            for (var s = 0; s < files.Length; s++)
            {
                var engine = ScoringEngine.Evaluate(SubjectFacts.Compile(compiled, files[s]), asOf, consents[s]);
                if (batch[s] != engine || BatchScoring.Score(compiled, columns, s, asOf, consents[s]) != engine)
                {
                    throw new InvalidOperationException($"{policy.VersionTag} subject {s} at {asOf:O}: engine {engine}, batch {batch[s]}");
                }
            }
        }

        return true;
    }

    [Fact]
    public void Many_subjects_scored_in_parallel_each_get_their_own_result()
    {
        var random = new Random(7);
        var policy = Policies[1];
        var compiled = CompiledPolicy.Compile(policy);
        var files = Enumerable.Range(0, 10_000).Select(i => File(policy, random, i)).ToArray();
        var builder = new RecordColumnsBuilder();
        foreach (var file in files)
        {
            builder.Add(file);
        }

        var columns = builder.Build();
        var asOf = T0.AddYears(2);
        var batch = BatchScoring.ScoreAll(compiled, columns, asOf);
        Assert.Equal(files.Length, batch.Length);
        Assert.Equal(files.Sum(f => f.Versions.Length), columns.Versions);
        for (var s = 0; s < files.Length; s++)
        {
            Assert.Equal(ScoringEngine.Evaluate(SubjectFacts.Compile(compiled, files[s]), asOf, true), batch[s]);
        }

        // The sample is not degenerate: it holds listed, blocked, capped, unscored and ungraded subjects.
        Assert.Contains(batch, r => r.Lists != 0);
        Assert.Contains(batch, r => r.Status == ScoreStatus.UnderAge);
        Assert.Contains(batch, r => r.Status == ScoreStatus.NotCovered);
        Assert.True(batch.Select(r => r.GradeIndex).Distinct().Count() >= 4);
    }

    [Fact]
    public void Files_larger_than_the_kernels_first_buffer_are_scored_alike()
    {
        // 300 records of a few types: past the kernel's first buffer and the engine's stack buffers,
        // with caps binding, decaying facts overlapping and a defaulter extended again and again.
        var policy = Vary(Policies[1], new Random(3)) with { ConsentRequired = false };
        var compiled = CompiledPolicy.Compile(policy);
        var subject = new SubjectId(SubjectKind.Person, "big", new DateOnly(1970, 1, 1));
        string[] types = ["traffic-violation", "volunteering", "late-credit-card-payment", "judgment-defaulter", "defaulter-term-extended", "tax-evasion"];
        var records = Enumerable.Range(0, 300).Select(i => new Record(
            new RecordKey("court", $"r{i:D3}"), 1, RecordAction.Submitted, subject, types[i % types.Length], policy.FindRecordType(types[i % types.Length])!.Area,
            T0.AddDays(i * 3), T0.AddDays(i * 3), "case 1", i * 1000)).ToList();
        var file = SubjectFile.Create(subject, records);
        var builder = new RecordColumnsBuilder();
        builder.Add(file);
        var columns = builder.Build();
        var facts = SubjectFacts.Compile(compiled, file);
        for (var day = -10; day < 1000; day += 7)
        {
            var asOf = T0.AddDays(day).AddHours(5);
            Assert.Equal(ScoringEngine.Evaluate(facts, asOf, true), BatchScoring.ScoreAll(compiled, columns, asOf)[0]);
        }
    }

    [Fact]
    public void Consents_must_match_the_subjects()
    {
        var builder = new RecordColumnsBuilder();
        builder.AddSubject(SubjectKind.Person, new DateOnly(1980, 1, 1));
        var columns = builder.Build();
        Assert.Throws<ArgumentException>(() => BatchScoring.ScoreAll(CompiledPolicy.Compile(Policies[0]), columns, T0, [true, false]));
        Assert.Throws<InvalidOperationException>(() => new RecordColumnsBuilder().AddVersion("x", Area.Social, 0, 0, long.MaxValue, false, true, null));
    }

    private static Policy Vary(Policy policy, Random random)
    {
        RecordType Type(RecordType t) => random.Next(4) switch
        {
            0 => t,
            1 => t with { Points = t.Points * 2, Lasts = Lengths[random.Next(Lengths.Length)] },
            2 => t with { Cap = random.Next(2) == 0 ? null : new PointCap(5 + random.Next(30), Lengths[random.Next(Lengths.Length)]), Decays = random.Next(3) == 0 },
            _ => t with { CountsWhileDisputed = !t.CountsWhileDisputed, Decays = !t.Decays && random.Next(2) == 0, Lasts = Lengths[random.Next(Lengths.Length)] },
        };

        ListDefinition List(ListDefinition l) => random.Next(3) switch
        {
            0 => l,
            1 => l with
            {
                Exit = l.Exit with
                {
                    Term = random.Next(3) == 0 ? null : Lengths[random.Next(Lengths.Length)],
                    Extension = l.Exit.Extension is { } e ? e with { Length = Lengths[random.Next(Lengths.Length)] } : null,
                },
            },
            _ => l with { Entry = l.Entry with { NoNegativeRecordWithin = random.Next(2) == 0 ? null : Lengths[random.Next(Lengths.Length)] } },
        };

        return policy with
        {
            RecordTypes = [.. policy.RecordTypes.Select(Type)],
            Lists = [.. policy.Lists.Select(List)],
            ConsentRequired = random.Next(3) == 0,
            MinimumAge = random.Next(4) switch { 0 => 0, 1 => 16, _ => policy.MinimumAge },
        };
    }

    private static SubjectFile File(Policy policy, Random random, int n)
    {
        var subject = random.Next(10) switch
        {
            0 => new SubjectId(SubjectKind.Organisation, $"9111000010000{n:D5}", null),
            1 => new SubjectId(SubjectKind.Person, $"p{n}", new DateOnly(2006, 2, 28).AddDays(random.Next(800))),
            2 => new SubjectId(SubjectKind.Person, $"p{n}", new DateOnly(2004, 2, 29)),
            _ => new SubjectId(policy.Subjects, $"s{n}", policy.Subjects == SubjectKind.Person ? new DateOnly(1970 + random.Next(30), 1 + random.Next(12), 1 + random.Next(28)) : null),
        };
        // Half the files draw on a few types only, so that caps, terms and extensions meet each other.
        var types = random.Next(2) == 0 ? policy.RecordTypes : [.. policy.RecordTypes.OrderBy(_ => random.Next()).Take(1 + random.Next(4))];
        var versions = new List<Record>();
        var disputes = new List<RecordDispute>();
        var repairs = new List<RecordRepair>();
        var count = random.Next(random.Next(5) == 0 ? 40 : 14);
        for (var i = 0; i < count; i++)
        {
            var type = random.Next(20) == 0 ? null : types[random.Next(types.Length)];
            // Month ends, whole months apart (so cap windows and terms end exactly on other facts), and anything.
            var occurred = random.Next(3) switch
            {
                0 => new DateTimeOffset(2023 + random.Next(3), 1 + random.Next(12), 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1).AddDays(-1),
                1 => T0.AddMonths(random.Next(-12, 36)),
                _ => T0.AddDays(random.Next(-400, 1100)).AddSeconds(random.Next(86_400)),
            };
            var reported = random.Next(4) == 0 ? occurred.AddDays(random.Next(-20, 90)) : occurred;
            var area = type is null || random.Next(25) == 0 ? (Area)(1 + random.Next(4)) : type.Area;
            var first = new Record(
                new RecordKey(random.Next(2) == 0 ? "court" : "bank", $"r{random.Next(1000)}-{i}"), 1, RecordAction.Submitted, subject,
                type?.Id ?? "unknown-type", area, occurred, reported, random.Next(10) == 0 ? null : "case 1", random.Next(3) == 0 ? null : random.Next(0, 800_000));
            versions.Add(first);
            var last = first;
            if (random.Next(6) == 0)
            {
                var other = types[random.Next(types.Length)];
                last = first with { Version = 2, Action = RecordAction.Corrected, Type = other.Id, Area = other.Area, OccurredAt = occurred.AddDays(random.Next(-30, 30)), ReportedAt = reported.AddDays(random.Next(1, 200)), Quantity = random.Next(100_000) };
                versions.Add(last);
            }

            if (random.Next(8) == 0)
            {
                versions.Add(last with { Version = last.Version + 1, Action = RecordAction.Withdrawn, ReportedAt = last.ReportedAt.AddDays(random.Next(1, 300)) });
            }

            if (random.Next(8) == 0)
            {
                disputes.Add(new RecordDispute(first.Key, reported.AddDays(random.Next(0, 100))));
            }

            for (var k = random.Next(12) == 0 ? 1 + random.Next(2) : 0; k > 0; k--)
            {
                repairs.Add(new RecordRepair(first.Key, reported.AddDays(random.Next(0, 500))));
            }
        }

        return SubjectFile.Create(subject, versions, disputes, repairs);
    }

    private static List<DateTimeOffset> Instants(SubjectFile[] files, Random random)
    {
        var instants = new List<DateTimeOffset> { T0.AddYears(-40), T0.AddYears(40) };
        for (var i = 0; i < 6; i++)
        {
            instants.Add(T0.AddDays(random.Next(-500, 1800)).AddSeconds(random.Next(86_400)));
        }

        var versions = files.SelectMany(f => f.Versions).ToArray();
        for (var i = 0; i < 6 && versions.Length > 0; i++)
        {
            var v = versions[random.Next(versions.Length)];
            var at = random.Next(4) switch { 0 => v.OccurredAt, 1 => v.ReportedAt, 2 => v.OccurredAt.AddYears(1 + random.Next(3)), _ => v.OccurredAt.AddMonths(1 + random.Next(24)) };
            instants.Add(at.AddTicks(random.Next(-1, 2)));
        }

        return instants;
    }
}
