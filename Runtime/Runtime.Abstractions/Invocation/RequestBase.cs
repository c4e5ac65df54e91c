using System.ComponentModel;
using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Invocation;

/// <summary>
/// One grain call: the generated subclass holds the arguments and knows how to invoke the method, copy and
/// serialize its arguments and result; this base holds the message header the runtime routes by. Inside a
/// silo the same object is the message, the invoker and (through <see cref="Request{TResult}"/>) the
/// completion source the caller awaits, so a local call allocates one object. Across silos the receiving
/// side deserializes a fresh instance and the response travels back as a separate message.
/// Completion is signalled exactly once: the first of response, failure or timeout wins.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class RequestBase : IThreadPoolWorkItem
{
    private int _signalled;

    /// <summary>The target grain (set by the runtime).</summary>
    public GrainId TargetGrain;

    /// <summary>The interface the call was made through (set by the runtime).</summary>
    public Type? TargetInterface;

    /// <summary>The calling grain, if the call came from one.</summary>
    public GrainId SendingGrain;

    /// <summary>The silo the request came from (null for a client, or before it leaves its silo).</summary>
    public SiloAddress? SendingSilo;

    /// <summary>Correlates a remote response with its request.</summary>
    public long CorrelationId;

    /// <summary>When the caller stops waiting, in <see cref="TimeProvider.GetTimestamp"/> units of the runtime's clock.</summary>
    public long Deadline;

    /// <summary>How often the request has been forwarded between silos.</summary>
    public int ForwardCount;

    /// <summary>Identifies the call chain for deadlock detection and opt-in call-chain reentrancy.</summary>
    public Guid CallChainId;

    /// <summary>Where the response goes; null means the caller awaits this object.</summary>
    public object? ReplyTo;

    /// <summary>The exception the call ended with, if it failed.</summary>
    public Exception? Exception;

    /// <summary>The cancellation token passed to the grain method, if it takes one.</summary>
    public CancellationToken CancellationToken;

    /// <summary>The interface method's name.</summary>
    public abstract string MethodName { get; }

    /// <summary>The grain interface declaring the method.</summary>
    public abstract Type InterfaceType { get; }

    /// <summary>The wire identity of this request type.</summary>
    public abstract string Alias { get; }

    /// <summary>Scheduling options from the interface method's attributes.</summary>
    public abstract InvokeMethodOptions Options { get; }

    /// <summary>The number of arguments (the cancellation token excluded).</summary>
    public abstract int ArgumentCount { get; }

    /// <summary>Whether the response has been signalled.</summary>
    public bool IsSignalled => Volatile.Read(ref _signalled) != 0;

    /// <summary>Gets an argument, boxed; for diagnostics and filters.</summary>
    public abstract object? GetArgument(int index);

    /// <summary>Invokes the method on <paramref name="target"/>, storing the result in the request.</summary>
    public abstract ValueTask InvokeAsync(object target);

    /// <summary>Replaces mutable arguments with deep copies (calls inside a silo).</summary>
    public abstract void DeepCopyArguments();

    /// <summary>Replaces a mutable result with a deep copy.</summary>
    public abstract void DeepCopyResult();

    /// <summary>Writes the arguments.</summary>
    public abstract void SerializeArguments(ref Writer writer);

    /// <summary>Reads the arguments.</summary>
    public abstract void DeserializeArguments(ref Reader reader);

    /// <summary>Writes the result.</summary>
    public abstract void SerializeResult(ref Writer writer);

    /// <summary>Reads the result.</summary>
    public abstract void DeserializeResult(ref Reader reader);

    /// <summary>Signals the caller with the stored result or <see cref="Exception"/>; false if already signalled.</summary>
    public bool TrySignal()
    {
        if (Interlocked.Exchange(ref _signalled, 1) != 0)
        {
            return false;
        }

        OnSignal(Exception);
        return true;
    }

    /// <summary>Signals the caller with <paramref name="exception"/> (timeouts, routing failures); false if already signalled.</summary>
    public bool TrySignalException(Exception exception)
    {
        if (Interlocked.Exchange(ref _signalled, 1) != 0)
        {
            return false;
        }

        OnSignal(exception);
        return true;
    }

    /// <summary>Completes the awaited value task with the result or the exception.</summary>
    protected abstract void OnSignal(Exception? exception);

    // Queued as itself (ThreadPool.UnsafeQueueUserWorkItem(request, ...)) to signal a caller off a connection's reader
    // loop: a callback and state would cost a work-item object per response.
    void IThreadPoolWorkItem.Execute() => TrySignal();

    /// <inheritdoc />
    public override string ToString() => $"{InterfaceType.Name}.{MethodName} -> {TargetGrain}";
}
