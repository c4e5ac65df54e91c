namespace FlashSale.Grains;

/// <summary>How purchases are made durable.</summary>
public enum WriteMode
{
    /// <summary>The buyer is answered after the order is committed to the order log (group commit).</summary>
    Durable = 0,

    /// <summary>The buyer is answered from memory and the order is written behind (a degrade switch).</summary>
    Fast = 1,
}
