using System.ComponentModel;
using System.Threading.Tasks.Sources;
using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Invocation;

/// <summary>A request whose method returns <typeparamref name="TResult"/>; the caller awaits the request itself.</summary>
/// <typeparam name="TResult">The method's result type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class Request<TResult> : RequestBase, IValueTaskSource<TResult>
{
    private ManualResetValueTaskSourceCore<TResult> _core;

    /// <summary>The result, once the method has returned.</summary>
    public TResult Result = default!;

    /// <summary>The value task the caller awaits.</summary>
    public ValueTask<TResult> AsValueTask() => new(this, _core.Version);

    /// <inheritdoc />
    public override void DeepCopyResult() => Result = Copier<TResult>.DeepCopy(Result);

    /// <inheritdoc />
    public override void SerializeResult(ref Writer writer) => Codec<TResult>.Instance.WriteField(ref writer, 0, Result);

    /// <inheritdoc />
    public override void DeserializeResult(ref Reader reader)
    {
        var field = reader.ReadFieldHeader();
        Result = Codec<TResult>.Instance.ReadValue(ref reader, field);
    }

    /// <summary>Stores the result of a task-returning grain method.</summary>
    protected ValueTask Complete(Task<TResult> task)
    {
        if (task.IsCompletedSuccessfully)
        {
            Result = task.Result;
            return default;
        }

        return AwaitAsync(task);
    }

    /// <summary>Stores the result of a value-task-returning grain method.</summary>
    protected ValueTask Complete(ValueTask<TResult> task)
    {
        if (task.IsCompletedSuccessfully)
        {
            Result = task.Result;
            return default;
        }

        return AwaitAsync(task.AsTask());
    }

    /// <inheritdoc />
    protected override void OnSignal(Exception? exception)
    {
        if (exception is null)
        {
            _core.SetResult(Result);
        }
        else
        {
            _core.SetException(exception);
        }
    }

    private async ValueTask AwaitAsync(Task<TResult> task) => Result = await task;

    TResult IValueTaskSource<TResult>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<TResult>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<TResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
