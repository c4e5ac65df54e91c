namespace FlashSale.Runtime.Configuration;

/// <summary>Timings and thresholds of cluster membership: probing, voting, IAmAlive and the table (Orleans' defaults).</summary>
public sealed class ClusterMembershipOptions
{
    /// <summary>How many other silos each silo probes.</summary>
    public int NumProbedSilos { get; set; } = 10;

    /// <summary>The period of probes to one silo, and the time a probe may take.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many consecutive missed probes make the prober vote that the silo is dead.</summary>
    public int NumMissedProbesLimit { get; set; } = 3;

    /// <summary>How many fresh votes declare a silo dead (fewer in clusters of under four active silos).</summary>
    public int NumVotesForDeathDeclaration { get; set; } = 2;

    /// <summary>How long a vote counts.</summary>
    public TimeSpan DeathVoteExpirationTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often each silo re-reads the whole table (gossip makes most changes arrive sooner).</summary>
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often each silo writes its IAmAlive time (diagnostics; not the liveness signal).</summary>
    public TimeSpan IAmAliveTablePublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many IAmAlive periods a row may miss before it counts as stale (ignored for votes and join checks).</summary>
    public int NumMissedTableIAmAliveLimit { get; set; } = 3;

    /// <summary>Whether the last probe before a vote goes through another silo, whose failure report is a second vote.</summary>
    public bool EnableIndirectProbes { get; set; } = true;

    /// <summary>Whether a silo tells the others after each status change it writes, instead of leaving them to their next refresh.</summary>
    public bool UseLivenessGossip { get; set; } = true;

    /// <summary>How long a silo may take to join (table reachable, connectivity to the active silos validated).</summary>
    public TimeSpan MaxJoinAttemptTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the rows of dead silos are kept.</summary>
    public TimeSpan DefunctSiloExpiration { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often rows of dead silos older than <see cref="DefunctSiloExpiration"/> are deleted.</summary>
    public TimeSpan DefunctSiloCleanupPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The time after which a row whose IAmAlive has not moved counts as stale.</summary>
    public TimeSpan AllowedIAmAliveMissPeriod => IAmAliveTablePublishTimeout * NumMissedTableIAmAliveLimit;

    /// <summary>Returns the problems with these options, if any.</summary>
    public IEnumerable<string> Validate()
    {
        if (NumProbedSilos < 1)
        {
            yield return "ClusterMembership:NumProbedSilos must be at least 1.";
        }

        if (NumMissedProbesLimit < 1)
        {
            yield return "ClusterMembership:NumMissedProbesLimit must be at least 1.";
        }

        if (NumVotesForDeathDeclaration < 1)
        {
            yield return "ClusterMembership:NumVotesForDeathDeclaration must be at least 1.";
        }
        else if (NumVotesForDeathDeclaration > NumProbedSilos)
        {
            yield return $"ClusterMembership:NumVotesForDeathDeclaration ({NumVotesForDeathDeclaration}) must not exceed NumProbedSilos ({NumProbedSilos}): not enough silos would probe a silo to declare it dead.";
        }

        if (NumMissedTableIAmAliveLimit < 1)
        {
            yield return "ClusterMembership:NumMissedTableIAmAliveLimit must be at least 1.";
        }

        foreach (var (name, value) in new[]
        {
            (nameof(ProbeTimeout), ProbeTimeout),
            (nameof(DeathVoteExpirationTimeout), DeathVoteExpirationTimeout),
            (nameof(TableRefreshTimeout), TableRefreshTimeout),
            (nameof(IAmAliveTablePublishTimeout), IAmAliveTablePublishTimeout),
            (nameof(MaxJoinAttemptTime), MaxJoinAttemptTime),
            (nameof(DefunctSiloExpiration), DefunctSiloExpiration),
            (nameof(DefunctSiloCleanupPeriod), DefunctSiloCleanupPeriod),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"ClusterMembership:{name} must be positive.";
            }
        }

        if (DeathVoteExpirationTimeout > TimeSpan.Zero && ProbeTimeout > TimeSpan.Zero && DeathVoteExpirationTimeout <= ProbeTimeout * NumMissedProbesLimit)
        {
            yield return "ClusterMembership:DeathVoteExpirationTimeout must be longer than ProbeTimeout × NumMissedProbesLimit, or votes expire before a second voter can add its own.";
        }
    }
}
