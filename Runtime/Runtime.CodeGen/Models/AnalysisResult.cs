namespace FlashSale.Runtime.CodeGen.Models;

/// <summary>What the analysis of one declaration produced: a model to emit (null when nothing is emitted) and diagnostics.</summary>
/// <typeparam name="TModel">The model type.</typeparam>
internal sealed record AnalysisResult<TModel>(TModel? Model, EquatableArray<DiagnosticInfo> Diagnostics)
    where TModel : class;
