using FlashSale.Runtime.Invocation;

namespace FlashSale.Runtime.Networking;

/// <summary>
/// The callback table of one connection: requests sent on it that await a response, by correlation id.
/// Lock-striped dictionaries rather than a <c>ConcurrentDictionary</c>, because those allocate a node per
/// entry while these reuse their entry arrays; a lock is held only for the dictionary operation itself.
/// Every removal is a claim: whoever removes a request (the response, the timeout sweep, the connection's
/// close) is the one that completes it, so a request completes exactly once.
/// </summary>
internal sealed class PendingRequests
{
    private const int StripeCount = 16;
    private readonly Stripe[] _stripes;

    /// <summary>Creates an empty table.</summary>
    public PendingRequests()
    {
        _stripes = new Stripe[StripeCount];
        for (var i = 0; i < _stripes.Length; i++)
        {
            _stripes[i] = new Stripe();
        }
    }

    /// <summary>The number of requests waiting (a snapshot).</summary>
    public int Count
    {
        get
        {
            var count = 0;
            foreach (var stripe in _stripes)
            {
                lock (stripe.Lock)
                {
                    count += stripe.Map.Count;
                }
            }

            return count;
        }
    }

    /// <summary>Adds a request under its <see cref="RequestBase.CorrelationId"/>.</summary>
    public void Add(RequestBase request)
    {
        var stripe = StripeOf(request.CorrelationId);
        lock (stripe.Lock)
        {
            stripe.Map[request.CorrelationId] = request;
        }
    }

    /// <summary>Claims the request with <paramref name="correlationId"/>, if it is still waiting.</summary>
    public bool TryRemove(long correlationId, out RequestBase? request)
    {
        var stripe = StripeOf(correlationId);
        lock (stripe.Lock)
        {
            return stripe.Map.Remove(correlationId, out request);
        }
    }

    /// <summary>Claims every request whose deadline is at or before <paramref name="now"/>, appending them to <paramref name="expired"/>.</summary>
    public void RemoveExpired(long now, List<RequestBase> expired)
    {
        foreach (var stripe in _stripes)
        {
            lock (stripe.Lock)
            {
                if (stripe.Map.Count == 0)
                {
                    continue;
                }

                // Dictionary allows Remove during enumeration.
                foreach (var pair in stripe.Map)
                {
                    if (pair.Value.Deadline <= now)
                    {
                        expired.Add(pair.Value);
                        stripe.Map.Remove(pair.Key);
                    }
                }
            }
        }
    }

    /// <summary>Claims every waiting request, appending them to <paramref name="all"/>.</summary>
    public void RemoveAll(List<RequestBase> all)
    {
        foreach (var stripe in _stripes)
        {
            lock (stripe.Lock)
            {
                all.AddRange(stripe.Map.Values);
                stripe.Map.Clear();
            }
        }
    }

    private Stripe StripeOf(long correlationId) => _stripes[(int)((ulong)correlationId % StripeCount)];

    private sealed class Stripe
    {
        public readonly Lock Lock = new();
        public readonly Dictionary<long, RequestBase> Map = [];
    }
}
