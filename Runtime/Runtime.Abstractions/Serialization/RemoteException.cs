namespace FlashSale.Runtime.Serialization;

/// <summary>
/// Stands for a deserialized exception whose type the receiving process cannot construct (unknown type, or no
/// <c>(string)</c>/<c>(string, Exception)</c> constructor): it keeps the original type name, message and
/// stack trace, and is written back under the original type name if it travels on.
/// </summary>
public sealed class RemoteException : Exception
{
    /// <summary>Creates the exception with no details.</summary>
    public RemoteException()
        : this("(unknown)", null, null)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RemoteException(string message)
        : this("(unknown)", message, null)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public RemoteException(string message, Exception innerException)
        : this("(unknown)", message, innerException)
    {
    }

    /// <summary>Creates the stand-in of an exception of type <paramref name="originalTypeName"/>.</summary>
    public RemoteException(string originalTypeName, string? message, Exception? innerException)
        : base(message, innerException) => OriginalTypeName = originalTypeName;

    /// <summary>The wire name (alias or full name) of the original exception type.</summary>
    public string OriginalTypeName { get; }

    /// <inheritdoc />
    public override string ToString() => $"{OriginalTypeName} (remote): {base.ToString()}";
}
