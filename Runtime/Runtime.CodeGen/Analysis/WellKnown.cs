namespace FlashSale.Runtime.CodeGen.Analysis;

/// <summary>Metadata names the generator recognises.</summary>
internal static class WellKnown
{
    public const string RuntimeNamespace = "FlashSale.Runtime";
    public const string GenerateSerializerAttribute = "FlashSale.Runtime.GenerateSerializerAttribute";
    public const string IdAttribute = "FlashSale.Runtime.IdAttribute";
    public const string AliasAttribute = "FlashSale.Runtime.AliasAttribute";
    public const string ImmutableAttribute = "FlashSale.Runtime.ImmutableAttribute";
    public const string OneWayAttribute = "FlashSale.Runtime.OneWayAttribute";
    public const string ReadOnlyAttribute = "FlashSale.Runtime.ReadOnlyAttribute";
    public const string AlwaysInterleaveAttribute = "FlashSale.Runtime.AlwaysInterleaveAttribute";
    public const string GrainTypeAttribute = "FlashSale.Runtime.GrainTypeAttribute";
    public const string PersistentStateAttribute = "FlashSale.Runtime.PersistentStateAttribute";
    public const string IGrain = "FlashSale.Runtime.IGrain";
    public const string Grain = "FlashSale.Runtime.Grain";
    public const string IPersistentState = "FlashSale.Runtime.IPersistentState`1";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string Task = "System.Threading.Tasks.Task";
    public const string TaskOfT = "System.Threading.Tasks.Task`1";
    public const string ValueTask = "System.Threading.Tasks.ValueTask";
    public const string ValueTaskOfT = "System.Threading.Tasks.ValueTask`1";
    public const string Exception = "System.Exception";
    public const string SetsRequiredMembersAttribute = "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute";
    public const string AttributeUsageAttribute = "System.AttributeUsageAttribute";
}
