using System.ComponentModel;

namespace FlashSale.Runtime.Invocation;

/// <summary>What grain references call into: a silo's runtime or a cluster client.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGrainReferenceRuntime
{
    /// <summary>The factory of this runtime.</summary>
    IGrainFactory GrainFactory { get; }

    /// <summary>Routes a request to its target; the response signals the request.</summary>
    void SendRequest(GrainReference target, RequestBase request);

    /// <summary>Creates a reference of <paramref name="interfaceType"/> to <paramref name="grainId"/> bound to this runtime.</summary>
    GrainReference CreateReference(GrainId grainId, Type interfaceType);
}
