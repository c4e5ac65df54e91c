using FlashSale.Runtime.Invocation;

namespace FlashSale.Runtime.Serialization;

/// <summary>
/// Per-operation context shared by a <see cref="Writer"/> or <see cref="Reader"/> and the codecs it calls:
/// chiefly the runtime that deserialized grain references bind to (each silo in a process has its own).
/// </summary>
public sealed class SerializerSession
{
    /// <summary>A session with no runtime: grain references cannot be deserialized through it.</summary>
    public static readonly SerializerSession Default = new(null);

    /// <summary>Creates a session bound to a runtime.</summary>
    public SerializerSession(IGrainReferenceRuntime? runtime) => Runtime = runtime;

    /// <summary>The runtime that deserialized grain references are bound to.</summary>
    public IGrainReferenceRuntime? Runtime { get; }
}
