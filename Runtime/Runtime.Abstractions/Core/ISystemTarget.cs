namespace FlashSale.Runtime;

/// <summary>
/// A per-silo runtime service reachable by grain calls (membership probes, directory partitions, the
/// development membership table). A system target is addressed by its interface and a silo address, is never
/// placed, activated, collected or registered in the directory, and runs its requests concurrently: its
/// implementation must be thread-safe.
/// </summary>
public interface ISystemTarget : IGrain;
