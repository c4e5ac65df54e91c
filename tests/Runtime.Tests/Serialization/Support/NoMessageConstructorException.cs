namespace FlashSale.Runtime.Tests.Serialization;

/// <summary>An exception the reader cannot rebuild (no (string) or (string, Exception) constructor).</summary>
public sealed class NoMessageConstructorException(int code) : Exception($"failed with code {code}")
{
    public int Code { get; } = code;
}
