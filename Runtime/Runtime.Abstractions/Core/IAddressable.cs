namespace FlashSale.Runtime;

/// <summary>Marker for anything that can be addressed by the runtime: grains and grain references.</summary>
public interface IAddressable;
