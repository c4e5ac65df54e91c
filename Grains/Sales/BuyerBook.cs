using System.Diagnostics.CodeAnalysis;
using FlashSale.Grains.Orders.Memory;

namespace FlashSale.Grains.Sales;

/// <summary>
/// A shard's records of its buyers: the units each has bought (or is buying), and the answers to their completed
/// purchases, kept so that a retry of the same (buyer, request id) gets the same order.
/// </summary>
/// <remarks>
/// Nothing here is an object per buyer or per purchase. A buyer is a struct in fixed chunks (its name in a character
/// arena, found through an open-addressing table of record numbers), and an answer is a struct chained from its buyer,
/// its text in the same arena. A hot shard adds a buyer per purchase: kept as dictionary keys, every buyer's string
/// was promoted by the next young collection through the cards of the dictionaries' large entry arrays (half of what
/// each collection copied, and most of its pause), and kept as objects, the answers cost a quarter of a one-silo sale's
/// throughput. Strings and answers are built again only when asked for, which only a retry or a hand-off does.
/// One writer: the shard's turn.
/// </remarks>
internal sealed class BuyerBook(string sku)
{
    private const int None = -1;
    private readonly ChunkedList<Buyer> _buyers = new();
    private readonly RecordTable _byName = new();
    private readonly ChunkedList<Answer> _answers = new();
    private readonly TextArena _text = new();

    /// <summary>The number of buyers known.</summary>
    public int BuyerCount => _buyers.Count;

    /// <summary>The number of answers kept.</summary>
    public int Count => _answers.Count;

    /// <summary>Units bought or being bought by <paramref name="buyer"/> (0 for a buyer not seen).</summary>
    public int UnitsOf(string buyer) => Find(buyer, buyer.GetHashCode(StringComparison.Ordinal)) is var i && i == None ? 0 : _buyers[i].Units;

    /// <summary>Records that <paramref name="buyer"/> has bought or is buying <paramref name="units"/> units.</summary>
    public void SetUnits(string buyer, int units) => _buyers[FindOrAdd(buyer)].Units = units;

    /// <summary>Keeps <paramref name="result"/> (a purchase with its order); an answer already kept for its request stays.</summary>
    public void Remember(string buyer, PurchaseResult result)
    {
        var order = result.Order ?? throw new ArgumentException("Only purchases with an order are remembered.", nameof(result));
        ref var record = ref _buyers[FindOrAdd(buyer)];
        if (FindAnswer(record.FirstAnswer, order.RequestId) != None)
        {
            return;
        }

        record.FirstAnswer = _answers.Add(new Answer
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
            Next = record.FirstAnswer,
        });
    }

    /// <summary>The answer kept for (<paramref name="buyer"/>, <paramref name="requestId"/>), if any.</summary>
    public bool TryGet(string buyer, string requestId, [NotNullWhen(true)] out PurchaseResult? answer)
    {
        answer = null;
        var i = Find(buyer, buyer.GetHashCode(StringComparison.Ordinal));
        if (i == None || FindAnswer(_buyers[i].FirstAnswer, requestId) is var index && index == None)
        {
            return false;
        }

        answer = Build(buyer, _answers[index]);
        return true;
    }

    /// <summary>Every answer kept for the buyers <paramref name="buyer"/> accepts.</summary>
    public List<PurchaseResult> AnswersFor(Func<string, bool> buyer)
    {
        var results = new List<PurchaseResult>();
        for (var b = 0; b < _buyers.Count; b++)
        {
            ref var record = ref _buyers[b];
            if (record.FirstAnswer != None && _text.String(record.Name) is var user && buyer(user))
            {
                for (var i = record.FirstAnswer; i != None; i = _answers[i].Next)
                {
                    results.Add(Build(user, _answers[i]));
                }
            }
        }

        return results;
    }

    /// <summary>The units of the buyers <paramref name="buyer"/> accepts who hold any.</summary>
    public Dictionary<string, int> UnitsFor(Func<string, bool> buyer)
    {
        var units = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var b = 0; b < _buyers.Count; b++)
        {
            ref var record = ref _buyers[b];
            if (record.Units > 0 && _text.String(record.Name) is var user && buyer(user))
            {
                units[user] = record.Units;
            }
        }

        return units;
    }

    private int Find(string buyer, int hash)
    {
        foreach (var candidate in _byName.Find(hash))
        {
            if (_text.Equals(_buyers[(int)candidate].Name, buyer))
            {
                return (int)candidate;
            }
        }

        return None;
    }

    private int FindOrAdd(string buyer)
    {
        var hash = buyer.GetHashCode(StringComparison.Ordinal);
        var index = Find(buyer, hash);
        if (index == None)
        {
            index = _buyers.Add(new Buyer { Name = _text.Append(buyer), FirstAnswer = None });
            _byName.Add(hash, index);
        }

        return index;
    }

    private int FindAnswer(int first, string requestId)
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

    private struct Buyer
    {
        public TextRef Name;
        public int Units;

        // The buyer's latest answer, or None.
        public int FirstAnswer;
    }

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
