namespace FlashSale.Runtime.Membership;

/// <summary>A consistent read of the membership table: its rows and its version.</summary>
/// <param name="Rows">The rows.</param>
/// <param name="Version">The table version at the time of the read.</param>
[GenerateSerializer]
public sealed record MembershipTableData([property: Id(0)] IReadOnlyList<MembershipRow> Rows, [property: Id(1)] TableVersion Version)
{
    /// <summary>The row of <paramref name="silo"/>, if any.</summary>
    public MembershipRow? Find(SiloAddress silo)
    {
        foreach (var row in Rows)
        {
            if (row.Entry.SiloAddress.Equals(silo))
            {
                return row;
            }
        }

        return null;
    }
}
