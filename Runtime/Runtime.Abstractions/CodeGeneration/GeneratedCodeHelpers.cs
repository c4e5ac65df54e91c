using System.ComponentModel;

namespace FlashSale.Runtime.CodeGeneration;

/// <summary>Helpers called by generated grain activators.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedCodeHelpers
{
    /// <summary>Resolves a grain constructor dependency, failing with a message that names the grain class.</summary>
    public static T GetRequiredService<T>(IGrainContext context, string grainClass)
        where T : notnull =>
        typeof(T) == typeof(IGrainContext)
            ? (T)context
            : context.ActivationServices.GetService(typeof(T)) is T service
                ? service
                : throw new InvalidOperationException($"Cannot activate '{grainClass}': no service of type '{typeof(T).FullName}' is registered.");
}
