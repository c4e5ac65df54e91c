using FlashSale.Runtime.Invocation;
using FlashSale.Runtime.Serialization;
using FlashSale.Runtime.Tests.Grains;

namespace FlashSale.Runtime.Tests.Networking;

/// <summary>A request of a method the receiving process does not have (version skew): its alias resolves nowhere.</summary>
internal sealed class UnknownMethodRequest : Request<int>
{
    public const string WireAlias = "FlashSale.Runtime.Tests.Grains.IEchoGrain.NoSuchMethod(System.Int32)";

    public int Argument;

    public override string MethodName => "NoSuchMethod";

    public override Type InterfaceType => typeof(IEchoGrain);

    public override string Alias => WireAlias;

    public override InvokeMethodOptions Options => InvokeMethodOptions.None;

    public override int ArgumentCount => 1;

    public override object? GetArgument(int index) => Argument;

    public override ValueTask InvokeAsync(object target) => throw new NotSupportedException();

    public override void DeepCopyArguments()
    {
    }

    public override void SerializeArguments(ref Writer writer)
    {
        Codec<int>.Instance.WriteField(ref writer, 1, Argument);
        writer.WriteEndObject();
    }

    public override void DeserializeArguments(ref Reader reader) => throw new NotSupportedException();
}
