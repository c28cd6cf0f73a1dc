using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Registry.Access;
using Credence.Registry.Decisions;
using Credence.Registry.DueProcess;
using Credence.Registry.Ledger;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Credence.Registry.Tests.Ledger;

/// <summary>
/// Entry format 2: each covered row's content comes from the domain object, so an outside verifier
/// following Ledger/README.md rebuilds every digest, and two stores holding the same history hold the same entries.
/// </summary>
public class EntryContentTests
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 8, 0, 0, TimeSpan.FromHours(8));

    private static readonly SubjectId Bob = SubjectIdentifiers.Parse(Ids.Bob, DateOnly.MaxValue);

    [Fact]
    public void A_record_versions_digest_is_the_one_the_README_describes()
    {
        var record = new Record(new RecordKey("intermediate-court", "Z/1 欠款"), 2, RecordAction.Corrected, Bob, "judgment-defaulter", Area.Judicial,
            At.AddDays(-3), At, "(2026) No. 1", 12.50m, null);
        var expected = Readme.Digest(1,
            Readme.Text("intermediate-court"), Readme.Text("Z/1 欠款"), Readme.Integer(2), Readme.Integer(2), Readme.Text(Ids.Bob), Readme.Text("judgment-defaulter"),
            Readme.Integer(4), Readme.Instant(At.AddDays(-3)), Readme.Instant(At), Readme.Text("(2026) No. 1"), Readme.Decimal("12.5"), Readme.Absent);
        Assert.Equal(expected, EntryContent.Digest(LedgeredRow.Of(record)));

        var entry = EntryContent.Entry(LedgeredRow.Of(record), new byte[32]);
        Assert.Equal(("intermediate-court/Z/1 欠款/2", "intermediate-court", "record.corrected", At.UtcTicks), (entry.RowKey, entry.Actor, entry.Action, entry.At.UtcTicks));
        Assert.Equal(2, entry.ToBytes()[0]);
    }

    [Fact]
    public void A_decisions_digest_covers_its_answer_reasons_measures_and_path_forward_as_the_README_describes()
    {
        var id = Guid.Parse("0190F3B4-8C1D-7A2E-9F00-0123456789AB");
        var decision = new Decision(id, Ids.Bob, 7, "china-railway", null, "rail.g-train.ticket", "rail.g-train.ticket", DecisionAnswer.Denied,
            [new DecisionReason("LISTED.court-defaulters", "listed", ["intermediate-court/Z-1"])], ["m1", "m2"], "persons@3", At,
            [new ForwardStep("listing-ends", "the listing ends", At.AddYears(1)), new ForwardStep("fulfil-obligation", "pay", null)]);
        var expected = Readme.Digest(2,
            Readme.Text("0190f3b4-8c1d-7a2e-9f00-0123456789ab"), Readme.Text(Ids.Bob), Readme.Integer(7), Readme.Text("china-railway"), Readme.Absent,
            Readme.Text("rail.g-train.ticket"), Readme.Text("rail.g-train.ticket"), Readme.Integer(2),
            Readme.List(1), Readme.Text("LISTED.court-defaulters"), Readme.Text("listed"), Readme.List(1), Readme.Text("intermediate-court/Z-1"),
            Readme.List(2), Readme.Text("m1"), Readme.Text("m2"), Readme.Text("persons@3"), Readme.Instant(At),
            Readme.List(2), Readme.Text("listing-ends"), Readme.Text("the listing ends"), Readme.Instant(At.AddYears(1)), Readme.Text("fulfil-obligation"), Readme.Text("pay"), Readme.Absent);
        Assert.Equal(expected, EntryContent.Digest(LedgeredRow.Of(decision)));

        // Default (unset) lists are empty lists, as a store reads them back.
        var bare = decision with { Reasons = default, Measures = default, Forward = default };
        Assert.Equal(EntryContent.Digest(LedgeredRow.Of(bare with { Reasons = [], Measures = [], Forward = [] })), EntryContent.Digest(LedgeredRow.Of(bare)));
        Assert.NotEqual(EntryContent.Digest(LedgeredRow.Of(decision)), EntryContent.Digest(LedgeredRow.Of(decision with { Answer = DecisionAnswer.NotGranted })));
    }

    [Fact]
    public void Access_events_and_case_steps_digests_are_the_ones_the_README_describes_and_their_ids_are_the_row_keys()
    {
        var read = new AccessEvent(41, At, null, "public", null, "subject.read", Ids.Bob, "tenancy", AccessOutcome.Refused, "a\0b");
        Assert.Equal(Readme.Digest(3, Readme.Instant(At), Readme.Absent, Readme.Text("public"), Readme.Absent, Readme.Text("subject.read"), Readme.Text(Ids.Bob),
            Readme.Text("tenancy"), Readme.Integer(4), Readme.Text("a\0b")), EntryContent.Digest(LedgeredRow.Of(read)));
        Assert.Equal(("41", "public"), (EntryContent.Entry(LedgeredRow.Of(read), new byte[32]).RowKey, EntryContent.Entry(LedgeredRow.Of(read), new byte[32]).Actor));

        var step = new CaseStep(9, At, "D-1", CaseStep.Dispute, "opened", 12, "bob", Ids.Bob, "intermediate-court/Z-1", "{\"reason\":\"not me\"}");
        Assert.Equal(Readme.Digest(4, Readme.Instant(At), Readme.Text("D-1"), Readme.Text("dispute"), Readme.Text("opened"), Readme.Integer(12), Readme.Text("bob"),
            Readme.Text(Ids.Bob), Readme.Text("intermediate-court/Z-1"), Readme.Text("{\"reason\":\"not me\"}")), EntryContent.Digest(LedgeredRow.Of(step)));
        var entry = EntryContent.Entry(LedgeredRow.Of(step), new byte[32]);
        Assert.Equal(("9", "12", "dispute.opened"), (entry.RowKey, entry.Actor, entry.Action));

        // The id is the key, not content: the same event under another id has the same digest and another entry.
        Assert.Equal(EntryContent.Digest(LedgeredRow.Of(read)), EntryContent.Digest(LedgeredRow.Of(read with { Id = 42 })));
        Assert.Throws<ArgumentOutOfRangeException>(() => LedgeredRow.Of(read with { Id = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => LedgeredRow.Of(step with { Id = 0 }));
    }

    [Fact]
    public void Values_of_different_types_never_share_an_encoding()
    {
        // Absent against empty, a number against its text, an instant against the same ticks as a number.
        var a = new AccessEvent(1, At, null, "p", null, "x", null, null, AccessOutcome.Ok, null);
        Assert.NotEqual(EntryContent.Digest(LedgeredRow.Of(a)), EntryContent.Digest(LedgeredRow.Of(a with { Detail = string.Empty })));
        Assert.NotEqual(EntryContent.Digest(LedgeredRow.Of(a with { Role = "ab", Action = "c" })), EntryContent.Digest(LedgeredRow.Of(a with { Role = "a", Action = "bc" })));
        var s = new CaseStep(1, At, "c", "dispute", "opened", null, "registry", Ids.Bob, "r/1", "{}");
        Assert.NotEqual(EntryContent.Digest(LedgeredRow.Of(s)), EntryContent.Digest(LedgeredRow.Of(s with { ActorId = 0 })));
    }

    [Property(MaxTest = 300)]
    public Property A_quantity_digests_by_its_value_not_its_scale(decimal value, byte extraZeros)
    {
        var scaled = value;
        for (var i = 0; i < extraZeros % 8 && Math.Abs(scaled) < 1e20m; i++)
        {
            scaled *= 1.0m;
        }

        var text = EntryContent.DecimalText(scaled);
        var record = new Record(new RecordKey("s", "1"), 1, RecordAction.Submitted, Bob, "t", Area.Commercial, At, At, null, value, null);
        return (EntryContent.Digest(LedgeredRow.Of(record)).SequenceEqual(EntryContent.Digest(LedgeredRow.Of(record with { Quantity = scaled })))
                && decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) == value
                && !text.Contains('E', StringComparison.Ordinal) && text != "-0"
                && (!text.Contains('.', StringComparison.Ordinal) || !text.EndsWith('0')))
            .Label($"{value} as {scaled}: {text}");
    }

    [Theory]
    [InlineData("12.50", "12.5")]
    [InlineData("3.000", "3")]
    [InlineData("-0.00", "0")]
    [InlineData("100", "100")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("-7.10", "-7.1")]
    public void Decimals_have_one_text(string given, string canonical) =>
        Assert.Equal(canonical, EntryContent.DecimalText(decimal.Parse(given, CultureInfo.InvariantCulture)));

    [Property(MaxTest = 300)]
    public Property A_record_row_key_reads_back_whatever_the_source_record_id_holds(NonEmptyString id, PositiveInt version)
    {
        var key = new RecordKey("court.a-1_b", id.Get);
        var text = LedgeredRow.RecordRowKey(key, version.Get);
        return (LedgeredRow.TryParseRecordRowKey(text, out var back, out var number) && back == key && number == version.Get).Label(text);
    }

    [Theory]
    [InlineData("court/Z-1")]
    [InlineData("/Z-1/1")]
    [InlineData("court//1x")]
    [InlineData("court/Z-1/01")]
    [InlineData("court/Z-1/+1")]
    [InlineData("court/Z-1/ 1")]
    [InlineData("court/Z-1/1 ")]
    [InlineData("court/Z-1/")]
    [InlineData("court/Z-1/９")]
    [InlineData("court/Z-1/99999999999")]
    [InlineData("42")]
    public void What_is_not_a_record_row_key_is_refused(string text) => Assert.False(LedgeredRow.TryParseRecordRowKey(text, out _, out _));

    [Fact]
    public async Task The_same_history_gives_the_same_record_entries_whatever_the_row_ids()
    {
        await using var a = await TestRegistry.CreateAsync();
        await using var b = await TestRegistry.CreateAsync();

        // b's records table has rows a does not (later withdrawn history elsewhere), so row ids differ.
        var courtA = await a.CourtAsync();
        var courtB = await b.CourtAsync();
        var other = await b.SourceAsync("other-court", "judgment-defaulter");
        await b.Registry.Intake.SubmitAsync(other, Lines.Defaulter(Ids.Carol, "X-1"));
        await a.Registry.Intake.SubmitAsync(courtA, Lines.Defaulter(Ids.Bob, "Z-1"));
        await a.Registry.Intake.SubmitAsync(courtA, Lines.Defaulter(Ids.Alice, "Z-2"));
        await b.Registry.Intake.SubmitAsync(courtB, Lines.Defaulter(Ids.Alice, "Z-2"));
        await b.Registry.Intake.SubmitAsync(courtB, Lines.Defaulter(Ids.Bob, "Z-1"));

        Task<Dictionary<string, string>> Records(TestRegistry t) => t.Registry.Store.ReadAsync(r =>
            Enumerable.Range(0, (int)r.Ledger.Size()).Select(i => r.Ledger.Entry(i)!).Where(e => e.Kind == EntryKind.RecordVersion)
                .ToDictionary(e => e.RowKey, e => Convert.ToHexString(e.Entry.ContentDigest.Span) + e.Entry.At.UtcTicks + e.Entry.Actor + e.Entry.Action));

        var inA = await Records(a);
        var inB = await Records(b);
        Assert.Equal(["intermediate-court/Z-1/1", "intermediate-court/Z-2/1"], inA.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, content) in inA)
        {
            Assert.Equal(content, inB[key]);
        }
    }

    /// <summary>An encoder written from README.md alone, not from the registry's code.</summary>
    private static class Readme
    {
        public static readonly byte[] Absent = [0x00];

        public static byte[] Integer(long value)
        {
            var bytes = new byte[9];
            bytes[0] = 0x01;
            BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(1), value);
            return bytes;
        }

        public static byte[] Text(string text) => Prefixed(0x02, Encoding.UTF8.GetBytes(text));

        public static byte[] Instant(DateTimeOffset at)
        {
            var bytes = Integer(at.UtcTicks);
            bytes[0] = 0x04;
            return bytes;
        }

        public static byte[] Decimal(string canonical) => Prefixed(0x05, Encoding.ASCII.GetBytes(canonical));

        public static byte[] List(int count)
        {
            var bytes = new byte[5];
            bytes[0] = 0x06;
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(1), (uint)count);
            return bytes;
        }

        public static byte[] Digest(byte kind, params byte[][] values) => SHA256.HashData([kind, .. values.SelectMany(v => v)]);

        private static byte[] Prefixed(byte tag, byte[] body)
        {
            var bytes = new byte[5 + body.Length];
            bytes[0] = tag;
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(1), (uint)body.Length);
            body.CopyTo(bytes, 5);
            return bytes;
        }
    }
}
