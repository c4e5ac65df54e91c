namespace FlashSale.Runtime.Membership;

/// <summary>The outcome of one probe.</summary>
internal enum ProbeResult
{
    /// <summary>The target answered.</summary>
    Succeeded,

    /// <summary>The target did not answer in time (directly, or as the intermediary reports).</summary>
    Failed,

    /// <summary>The intermediary of an indirect probe did not answer: nothing is known about the target.</summary>
    Unknown,
}
