namespace FlashSale.Runtime.Serialization;

/// <summary>Data could not be serialized or deserialized (unknown type, malformed input, no codec).</summary>
public class SerializationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SerializationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SerializationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public SerializationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
