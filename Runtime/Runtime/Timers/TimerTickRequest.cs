using FlashSale.Runtime.Invocation;
using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Timers;

/// <summary>One timer tick, queued like a request so that it takes a turn of its own; never leaves the silo.</summary>
internal sealed class TimerTickRequest(GrainTimer timer) : Request
{
    public override string MethodName => "TimerTick";

    public override Type InterfaceType => typeof(IGrainTimer);

    public override string Alias => "FlashSale.Runtime.TimerTick";

    public override InvokeMethodOptions Options => InvokeMethodOptions.None;

    public override int ArgumentCount => 0;

    public override object? GetArgument(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    public override ValueTask InvokeAsync(object target) => new(timer.TickAsync());

    public override void DeepCopyArguments()
    {
    }

    public override void SerializeArguments(ref Writer writer) => throw new NotSupportedException("Timer ticks never leave their silo.");

    public override void DeserializeArguments(ref Reader reader) => throw new NotSupportedException("Timer ticks never leave their silo.");
}
