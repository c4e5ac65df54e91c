namespace FlashSale.Runtime.CodeGen.Models;

/// <summary>What a provider registration adds to <c>GeneratedCodeRegistry</c>.</summary>
internal enum RegistrationKind
{
    /// <summary><c>AddProxy</c>.</summary>
    Proxy,

    /// <summary><c>AddRequest</c>.</summary>
    Request,

    /// <summary><c>AddCodec</c>.</summary>
    Codec,

    /// <summary><c>CodecRegistry.Register</c> of an open generic codec for a generic type definition.</summary>
    GenericCodec,

    /// <summary><c>AddGrainClass</c>.</summary>
    GrainClass,
}
