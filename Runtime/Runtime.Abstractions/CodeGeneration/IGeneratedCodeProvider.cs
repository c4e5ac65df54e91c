using System.ComponentModel;

namespace FlashSale.Runtime.CodeGeneration;

/// <summary>Implemented by the generated class that registers an assembly's proxies, requests, codecs and grain classes.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGeneratedCodeProvider
{
    /// <summary>Registers everything generated for the assembly with <see cref="GeneratedCodeRegistry"/>.</summary>
    void Register();
}
