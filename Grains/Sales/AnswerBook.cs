using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using FlashSale.Grains.Orders.Memory;

namespace FlashSale.Grains.Sales;

/// <summary>
/// A shard's answers to its completed purchases, kept so that a retry of the same (buyer, request id) gets the same
/// order. Kept compactly: per buyer a struct entry whose text (request id, order id) sits in a character arena, keyed
/// by the buyer string the shard holds anyway, so no object per purchase outlives it. Answers are built again when
/// asked for, which only a retry or a hand-off does. Keeping the answers as objects cost a quarter of a one-silo sale's
/// throughput in garbage-collector pauses.
/// </summary>
internal sealed class AnswerBook(string sku)
{
    private readonly Dictionary<string, Answers> _byBuyer = new(StringComparer.Ordinal);
    private readonly TextArena _text = new();

    /// <summary>The number of answers kept.</summary>
    public int Count { get; private set; }

    /// <summary>Keeps <paramref name="result"/> (a purchase with its order); an answer already kept for its request stays.</summary>
    public void Remember(string buyer, PurchaseResult result)
    {
        var order = result.Order ?? throw new ArgumentException("Only purchases with an order are remembered.", nameof(result));
        ref var answers = ref CollectionsMarshal.GetValueRefOrAddDefault(_byBuyer, buyer, out var exists);
        if (exists && answers.IndexOf(_text, order.RequestId) >= 0)
        {
            return;
        }

        answers.Add(new Answer
        {
            RequestId = _text.Append(order.RequestId),
            OrderId = _text.Append(order.OrderId),
            Shard = order.Shard,
            Epoch = order.Epoch,
            Quantity = order.Quantity,
            Price = order.Price,
            CreatedAtUtcTicks = order.CreatedAt.UtcTicks,
            OffsetMinutes = (short)order.CreatedAt.Offset.TotalMinutes,
            Status = order.Status,
            Outcome = result.Outcome,
            Message = result.Message,
        });
        Count++;
    }

    /// <summary>The answer kept for (<paramref name="buyer"/>, <paramref name="requestId"/>), if any.</summary>
    public bool TryGet(string buyer, string requestId, [NotNullWhen(true)] out PurchaseResult? answer)
    {
        answer = null;
        if (!_byBuyer.TryGetValue(buyer, out var answers))
        {
            return false;
        }

        var i = answers.IndexOf(_text, requestId);
        if (i < 0)
        {
            return false;
        }

        answer = Build(buyer, answers[i]);
        return true;
    }

    /// <summary>Every answer kept for the buyers <paramref name="buyer"/> accepts.</summary>
    public List<PurchaseResult> For(Func<string, bool> buyer)
    {
        var results = new List<PurchaseResult>();
        foreach (var (user, answers) in _byBuyer)
        {
            if (buyer(user))
            {
                for (var i = 0; i < answers.Count; i++)
                {
                    results.Add(Build(user, answers[i]));
                }
            }
        }

        return results;
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
    }, a.Message);

    private struct Answer
    {
        public TextRef RequestId;
        public TextRef OrderId;
        public int Shard;
        public long Epoch;
        public int Quantity;
        public decimal Price;
        public long CreatedAtUtcTicks;
        public short OffsetMinutes;
        public OrderStatus Status;
        public PurchaseOutcome Outcome;

        // Constant texts only (a literal per answer path), so no string per purchase is kept.
        public string? Message;
    }

    /// <summary>A buyer's answers: the first inline (a buyer usually has one), any more in an array.</summary>
    private struct Answers
    {
        private Answer _first;
        private Answer[]? _more;

        public int Count { get; private set; }

        public readonly Answer this[int index] => index == 0 ? _first : _more![index - 1];

        public readonly int IndexOf(TextArena text, string requestId)
        {
            for (var i = 0; i < Count; i++)
            {
                if (text.Equals(this[i].RequestId, requestId))
                {
                    return i;
                }
            }

            return -1;
        }

        public void Add(in Answer answer)
        {
            if (Count == 0)
            {
                _first = answer;
            }
            else
            {
                if (_more is null || _more.Length < Count)
                {
                    Array.Resize(ref _more, Math.Max(2, Count * 2));
                }

                _more[Count - 1] = answer;
            }

            Count++;
        }
    }
}
