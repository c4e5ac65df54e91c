using System.ComponentModel;
using System.Threading.Tasks.Sources;
using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Invocation;

/// <summary>A request whose method returns no value (<see cref="Task"/> or <see cref="ValueTask"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class Request : RequestBase, IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _core;

    /// <summary>The value task the caller awaits.</summary>
    public ValueTask AsValueTask() => new(this, _core.Version);

    /// <inheritdoc />
    public override void DeepCopyResult()
    {
    }

    /// <inheritdoc />
    public override void SerializeResult(ref Writer writer)
    {
    }

    /// <inheritdoc />
    public override void DeserializeResult(ref Reader reader)
    {
    }

    /// <summary>Completes with a task-returning grain method.</summary>
    protected static ValueTask Complete(Task task) => task.IsCompletedSuccessfully ? default : new ValueTask(task);

    /// <summary>Completes with a value-task-returning grain method.</summary>
    protected static ValueTask Complete(ValueTask task) => task;

    /// <inheritdoc />
    protected override void OnSignal(Exception? exception)
    {
        if (exception is null)
        {
            _core.SetResult(true);
        }
        else
        {
            _core.SetException(exception);
        }
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
