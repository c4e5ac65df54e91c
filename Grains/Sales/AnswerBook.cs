using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using FlashSale.Grains.Orders.Memory;

namespace FlashSale.Grains.Sales;

/// <summary>
/// A shard's answers to its completed purchases, kept so that a retry of the same (buyer, request id) gets the same
/// order. Kept compactly: an answer is a struct without references in fixed chunks, its text (request id, order id,
/// message) in a character arena, and a buyer's answers are chained from one index per buyer, keyed by the buyer
/// string the shard holds anyway. So no object per purchase outlives it and nothing grows by copying: kept as objects,
/// the answers cost a quarter of a one-silo sale's throughput in collector pauses, and kept as structs inside the
/// dictionary, its resizes were an eighth of all bytes allocated. Answers are built again when asked for, which only a
/// retry or a hand-off does.
/// </summary>
internal sealed class AnswerBook(string sku)
{
    private const int None = -1;
    private readonly Dictionary<string, int> _firstByBuyer = new(StringComparer.Ordinal);
    private readonly ChunkedList<Answer> _answers = new();
    private readonly TextArena _text = new();

    /// <summary>The number of answers kept.</summary>
    public int Count => _answers.Count;

    /// <summary>Keeps <paramref name="result"/> (a purchase with its order); an answer already kept for its request stays.</summary>
    public void Remember(string buyer, PurchaseResult result)
    {
        var order = result.Order ?? throw new ArgumentException("Only purchases with an order are remembered.", nameof(result));
        ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(_firstByBuyer, buyer, out var exists);
        if (exists && Find(first, order.RequestId) != None)
        {
            return;
        }

        first = _answers.Add(new Answer
        {
            RequestId = _text.Append(order.RequestId),
            OrderId = _text.Append(order.OrderId),
            Message = result.Message is { } message ? _text.Append(message) : default,
            HasMessage = result.Message is not null,
            Shard = order.Shard,
            Epoch = order.Epoch,
            Quantity = order.Quantity,
            Price = order.Price,
            CreatedAtUtcTicks = order.CreatedAt.UtcTicks,
            OffsetMinutes = (short)order.CreatedAt.Offset.TotalMinutes,
            Status = order.Status,
            Outcome = result.Outcome,
            Next = exists ? first : None,
        });
    }

    /// <summary>The answer kept for (<paramref name="buyer"/>, <paramref name="requestId"/>), if any.</summary>
    public bool TryGet(string buyer, string requestId, [NotNullWhen(true)] out PurchaseResult? answer)
    {
        answer = null;
        if (!_firstByBuyer.TryGetValue(buyer, out var first) || Find(first, requestId) is var index && index == None)
        {
            return false;
        }

        answer = Build(buyer, _answers[index]);
        return true;
    }

    /// <summary>Every answer kept for the buyers <paramref name="buyer"/> accepts.</summary>
    public List<PurchaseResult> For(Func<string, bool> buyer)
    {
        var results = new List<PurchaseResult>();
        foreach (var (user, first) in _firstByBuyer)
        {
            if (buyer(user))
            {
                for (var i = first; i != None; i = _answers[i].Next)
                {
                    results.Add(Build(user, _answers[i]));
                }
            }
        }

        return results;
    }

    private int Find(int first, string requestId)
    {
        for (var i = first; i != None; i = _answers[i].Next)
        {
            if (_text.Equals(_answers[i].RequestId, requestId))
            {
                return i;
            }
        }

        return None;
    }

    private PurchaseResult Build(string buyer, in Answer a) => new(a.Outcome, new Order
    {
        OrderId = _text.String(a.OrderId),
        Sku = sku,
        UserId = buyer,
        Quantity = a.Quantity,
        Price = a.Price,
        CreatedAt = new DateTimeOffset(a.CreatedAtUtcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(a.OffsetMinutes)),
        RequestId = _text.String(a.RequestId),
        Shard = a.Shard,
        Epoch = a.Epoch,
        Status = a.Status,
    }, a.HasMessage ? _text.String(a.Message) : null);

    private struct Answer
    {
        public TextRef RequestId;
        public TextRef OrderId;
        public TextRef Message;
        public bool HasMessage;
        public int Shard;
        public long Epoch;
        public int Quantity;
        public decimal Price;
        public long CreatedAtUtcTicks;
        public short OffsetMinutes;
        public OrderStatus Status;
        public PurchaseOutcome Outcome;

        // The buyer's previous answer, or None.
        public int Next;
    }
}
