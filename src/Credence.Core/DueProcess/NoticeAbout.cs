namespace Credence.Core.DueProcess;

/// <summary>What a notice is about, so that the subject can find it and cite it.</summary>
/// <param name="Kind">A stable word: <c>decision</c>, <c>listing</c>, <c>dispute</c>, <c>repair</c>, <c>appeal</c> or <c>record</c>.</param>
/// <param name="Id">Its id: the decision's, dispute's, repair application's or appeal's id, the list's id, or the record's key.</param>
public sealed record NoticeAbout(string Kind, string Id)
{
    public static NoticeAbout Decision(string id) => new("decision", id);

    public static NoticeAbout Listing(string list) => new("listing", list);

    public static NoticeAbout Dispute(string id) => new("dispute", id);

    public static NoticeAbout Repair(string id) => new("repair", id);

    public static NoticeAbout Appeal(string id) => new("appeal", id);

    public static NoticeAbout Record(Records.RecordKey key) => new("record", key.ToString());
}
