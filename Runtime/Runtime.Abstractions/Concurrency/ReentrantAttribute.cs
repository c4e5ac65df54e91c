namespace FlashSale.Runtime;

/// <summary>Lets an activation of this grain class interleave requests at every <c>await</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;
