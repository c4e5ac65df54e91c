using FlashSale.Runtime.Invocation;

namespace FlashSale.Runtime.Tests.Serialization;

/// <summary>A hand-written proxy, so the tests do not depend on the generator.</summary>
internal sealed class TestGrainProxy(IGrainReferenceRuntime runtime, GrainId grainId, Type interfaceType)
    : GrainReference(runtime, grainId, interfaceType), ITestGrain;
