namespace FlashSale.Runtime.Postgres.Storage;

/// <summary>One item of a batched write: the state of one grain under one state name.</summary>
/// <typeparam name="TState">The state type.</typeparam>
/// <param name="StateName">The state name.</param>
/// <param name="GrainId">The grain.</param>
/// <param name="State">The state and the ETag the writer holds; the ETag is updated when the item is written.</param>
public sealed record GrainStateWrite<TState>(string StateName, GrainId GrainId, IGrainState<TState> State);
