namespace FlashSale.Runtime.Invocation;

/// <summary>How the runtime schedules a grain method, from the attributes on the interface method.</summary>
[Flags]
public enum InvokeMethodOptions
{
    /// <summary>A plain request.</summary>
    None = 0,

    /// <summary><c>[OneWay]</c>: no response is sent.</summary>
    OneWay = 1,

    /// <summary><c>[ReadOnly]</c>: interleaves with other read-only requests.</summary>
    ReadOnly = 2,

    /// <summary><c>[AlwaysInterleave]</c>: interleaves with any request.</summary>
    AlwaysInterleave = 4,
}
