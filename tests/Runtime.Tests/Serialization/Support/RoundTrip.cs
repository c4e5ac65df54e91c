using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Tests.Serialization;

/// <summary>Serialize-then-deserialize helpers.</summary>
internal static class RoundTrip
{
    public static T Of<T>(T value, SerializerSession? session = null) =>
        Serializer.Deserialize<T>(Serializer.Serialize(value, session), session);
}
