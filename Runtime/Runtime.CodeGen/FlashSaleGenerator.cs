using Microsoft.CodeAnalysis;

namespace FlashSale.Runtime.CodeGen;

/// <summary>Build-time generator of proxies, invokers, codecs and grain activators (placeholder).</summary>
[Generator(LanguageNames.CSharp)]
public sealed class FlashSaleGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
