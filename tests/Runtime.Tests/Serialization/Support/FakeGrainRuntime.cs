using FlashSale.Runtime.Invocation;

namespace FlashSale.Runtime.Tests.Serialization;

/// <summary>A runtime that only creates references (no calls).</summary>
internal sealed class FakeGrainRuntime : IGrainReferenceRuntime
{
    public IGrainFactory GrainFactory => throw new NotSupportedException();

    public int CreatedReferences { get; private set; }

    public void SendRequest(GrainReference target, RequestBase request) => throw new NotSupportedException();

    public GrainReference CreateReference(GrainId grainId, Type interfaceType)
    {
        CreatedReferences++;
        return new TestGrainProxy(this, grainId, interfaceType);
    }
}
