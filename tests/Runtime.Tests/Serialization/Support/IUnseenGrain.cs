namespace FlashSale.Runtime.Tests.Serialization;

/// <summary>A grain interface that no test serializes, so only the name fallback can resolve it.</summary>
public interface IUnseenGrain : IGrainWithGuidKey;
