namespace FlashSale.Runtime;

internal static class Placeholder;
