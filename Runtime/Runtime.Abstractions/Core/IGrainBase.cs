namespace FlashSale.Runtime;

/// <summary>Implemented by grain classes: gives the runtime and extensions access to the activation's context.</summary>
public interface IGrainBase : IAddressable
{
    /// <summary>The context of the activation running this grain instance.</summary>
    IGrainContext GrainContext { get; }
}
