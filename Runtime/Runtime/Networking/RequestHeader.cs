using FlashSale.Runtime.Invocation;

namespace FlashSale.Runtime.Networking;

/// <summary>
/// The decoded header of a request frame. The aliases stay as UTF-8 spans into the frame: resolving them is a
/// separate step, so that a request whose header decoded but whose type this process lacks can be answered
/// with an error instead of closing the connection.
/// </summary>
internal ref struct RequestHeader
{
    /// <summary>The sender's correlation id, echoed in the response.</summary>
    public long CorrelationId;

    /// <summary>The target grain.</summary>
    public GrainId TargetGrain;

    /// <summary>The request type's wire alias (<see cref="RequestBase.Alias"/>).</summary>
    public ReadOnlySpan<byte> RequestAlias;

    /// <summary>The alias of the interface the call was made through.</summary>
    public ReadOnlySpan<byte> InterfaceAlias;

    /// <summary>The sender's view of the method's options (one-way matters before the request type is known).</summary>
    public InvokeMethodOptions Options;

    /// <summary>The calling grain, or the default id.</summary>
    public GrainId SendingGrain;

    /// <summary>The silo the call came from, or null for a client.</summary>
    public SiloAddress? SendingSilo;

    /// <summary>How often the request was forwarded.</summary>
    public int ForwardCount;

    /// <summary>The call chain id.</summary>
    public Guid CallChainId;

    /// <summary>The time the caller still waits, in milliseconds.</summary>
    public long TimeToLiveMilliseconds;
}
