namespace FlashSale.Runtime.Networking;

/// <summary>Whether a response frame carries a result or an exception.</summary>
internal enum ResponseStatus : byte
{
    /// <summary>The call returned; the result follows.</summary>
    Ok = 0,

    /// <summary>The call failed; the exception follows.</summary>
    Error = 1,
}
