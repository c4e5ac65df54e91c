using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Tests.Serialization;

/// <summary>Registers the hand-written test codecs once per process, before any test uses the types.</summary>
internal static class TestCodecs
{
    private static readonly Lock Gate = new();
    private static bool s_registered;

    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (s_registered)
            {
                return;
            }

            CodecRegistry.Register(typeof(Person), new PersonCodec(), "Tests.Person");
            CodecRegistry.Register(typeof(Animal), new AnimalCodec(), "Tests.Animal");
            CodecRegistry.Register(typeof(Dog), new DogCodec(), "Tests.Dog");
            CodecRegistry.Register(typeof(Circle), new CircleCodec(), "Tests.Circle");
            CodecRegistry.Register(typeof(Box<>), typeof(BoxCodec<>), "Tests.Box`1");
            s_registered = true;
        }
    }
}
