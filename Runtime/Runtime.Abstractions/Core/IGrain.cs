namespace FlashSale.Runtime;

/// <summary>Marker interface for grain interfaces; the code generator emits a proxy for every interface deriving from it.</summary>
public interface IGrain : IAddressable;
