using FlashSale.Runtime.Membership;

namespace FlashSale.Runtime.Tests.Membership;

[Trait("Category", "Unit")]
public sealed class InMemoryMembershipTableContractTests : MembershipTableContractTests
{
    protected override IMembershipTable CreateTable() => new InMemoryMembershipTable();
}
