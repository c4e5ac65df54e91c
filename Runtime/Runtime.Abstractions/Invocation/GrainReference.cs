using System.ComponentModel;

namespace FlashSale.Runtime.Invocation;

/// <summary>
/// The base of every generated proxy: a grain id bound to a runtime. Equality is by grain id. The runtime may
/// cache routing information in <see cref="RoutingCache"/> so that repeated calls through one reference skip
/// the lookup.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainReference : IAddressable, IEquatable<GrainReference>
{
    /// <summary>Creates a reference.</summary>
    protected GrainReference(IGrainReferenceRuntime runtime, GrainId grainId, Type interfaceType)
    {
        Runtime = runtime;
        GrainId = grainId;
        InterfaceType = interfaceType;
    }

    /// <summary>The target grain.</summary>
    public GrainId GrainId { get; }

    /// <summary>The grain interface this reference implements.</summary>
    public Type InterfaceType { get; }

    /// <summary>The runtime calls are sent through.</summary>
    public IGrainReferenceRuntime Runtime { get; }

    /// <summary>Runtime-owned routing cache (for example the local activation).</summary>
    public object? RoutingCache { get; set; }

    /// <summary>Sends a request and returns the value task that completes with its result.</summary>
    protected ValueTask<TResult> InvokeAsync<TResult>(Request<TResult> request)
    {
        Runtime.SendRequest(this, request);
        return request.AsValueTask();
    }

    /// <summary>Sends a request and returns the value task that completes when it has run.</summary>
    protected ValueTask InvokeAsync(Request request)
    {
        Runtime.SendRequest(this, request);
        return request.AsValueTask();
    }

    /// <summary>Sends a one-way request; nothing comes back.</summary>
    protected void InvokeOneWay(RequestBase request) => Runtime.SendRequest(this, request);

    /// <inheritdoc />
    public bool Equals(GrainReference? other) => other is not null && GrainId.Equals(other.GrainId);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as GrainReference);

    /// <inheritdoc />
    public override int GetHashCode() => GrainId.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => $"{InterfaceType.Name}:{GrainId}";
}
