namespace FlashSale.Runtime.Networking;

/// <summary>The first byte of every frame body.</summary>
internal enum FrameType : byte
{
    /// <summary>The first frame each way on a connection: who the sender is and which cluster it belongs to.</summary>
    Hello = 1,

    /// <summary>A grain call.</summary>
    Request = 2,

    /// <summary>The result or exception of a grain call, matched to its request by correlation id.</summary>
    Response = 3,
}
