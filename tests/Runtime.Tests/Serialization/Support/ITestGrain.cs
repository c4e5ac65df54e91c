namespace FlashSale.Runtime.Tests.Serialization;

/// <summary>A grain interface used only as a reference type in serialization tests.</summary>
[Alias("Tests.ITestGrain")]
public interface ITestGrain : IGrainWithStringKey;
