using FlashSale.Runtime.Invocation;

namespace FlashSale.Runtime.Serialization;

/// <summary>
/// Per-operation context shared by a <see cref="Writer"/> or <see cref="Reader"/> and the codecs it calls:
/// chiefly the runtime that deserialized grain references bind to (each silo in a process has its own).
/// A copy session (used by <see cref="Copier{T}"/>) instead keeps grain references in a side table, so that a
/// serialize/deserialize round trip returns the same reference objects without needing a runtime.
/// </summary>
public sealed class SerializerSession
{
    /// <summary>A session with no runtime: grain references cannot be deserialized through it.</summary>
    public static readonly SerializerSession Default = new(runtime: null);

    [ThreadStatic]
    private static SerializerSession? t_copySession;

    private readonly List<object>? _copiedReferences;

    /// <summary>Creates a session bound to a runtime.</summary>
    public SerializerSession(IGrainReferenceRuntime? runtime) => Runtime = runtime;

    private SerializerSession(List<object> copiedReferences) => _copiedReferences = copiedReferences;

    /// <summary>The runtime that deserialized grain references are bound to.</summary>
    public IGrainReferenceRuntime? Runtime { get; }

    /// <summary>Whether this session serves an in-process deep copy (grain references go through a side table).</summary>
    public bool IsCopyMode => _copiedReferences is not null;

    /// <summary>Takes this thread's copy session (or a new one when it is in use, e.g. by a nested copy).</summary>
    internal static SerializerSession RentCopySession()
    {
        var session = t_copySession ?? new SerializerSession(new List<object>());
        t_copySession = null;
        return session;
    }

    /// <summary>Clears a copy session (so it holds no references) and keeps it for the next copy on this thread.</summary>
    internal static void ReturnCopySession(SerializerSession session)
    {
        session._copiedReferences!.Clear();
        t_copySession = session;
    }

    /// <summary>Stores a reference in the side table and returns its index.</summary>
    internal int AddCopiedReference(object reference)
    {
        var table = _copiedReferences ?? throw new InvalidOperationException("Not a copy session.");
        table.Add(reference);
        return table.Count - 1;
    }

    /// <summary>Gets a reference stored by <see cref="AddCopiedReference"/>.</summary>
    internal object GetCopiedReference(int index)
    {
        if (_copiedReferences is not { } table)
        {
            throw new SerializationException("The input holds an in-process grain reference index, which only a copy session can read.");
        }

        if ((uint)index >= (uint)table.Count)
        {
            throw new SerializationException($"The grain reference index {index} is out of range.");
        }

        return table[index];
    }
}
