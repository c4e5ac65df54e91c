namespace FlashSale.Runtime.Tests.Serialization;

[Flags]
[Alias("Tests.Permissions")]
public enum Permissions
{
    None = 0,
    Read = 1,
    Write = 2,
    Admin = 4,
}
