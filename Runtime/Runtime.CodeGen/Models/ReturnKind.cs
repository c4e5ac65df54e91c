namespace FlashSale.Runtime.CodeGen.Models;

/// <summary>The awaitable a grain method returns.</summary>
internal enum ReturnKind
{
    /// <summary><c>Task</c>.</summary>
    Task,

    /// <summary><c>Task&lt;T&gt;</c>.</summary>
    TaskOfT,

    /// <summary><c>ValueTask</c>.</summary>
    ValueTask,

    /// <summary><c>ValueTask&lt;T&gt;</c>.</summary>
    ValueTaskOfT,
}
