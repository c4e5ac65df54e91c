using FlashSale.Runtime.Invocation;

namespace FlashSale.Runtime.Catalog;

/// <summary>
/// The FIFO of requests waiting for an activation: a growable ring buffer (no allocation per request) that
/// also allows removing from the middle, which is needed when an interleavable request overtakes a blocked
/// head. Not thread-safe: the activation's lock guards it.
/// </summary>
internal sealed class RequestQueue
{
    private RequestBase?[] _items = new RequestBase?[4];
    private int _head;
    private int _count;

    public int Count => _count;

    public RequestBase this[int index] => _items[(_head + index) & (_items.Length - 1)]!;

    public void Enqueue(RequestBase request)
    {
        if (_count == _items.Length)
        {
            Grow();
        }

        _items[(_head + _count) & (_items.Length - 1)] = request;
        _count++;
    }

    public RequestBase RemoveAt(int index)
    {
        var mask = _items.Length - 1;
        var item = _items[(_head + index) & mask]!;
        if (index == 0)
        {
            _items[_head] = null;
            _head = (_head + 1) & mask;
        }
        else
        {
            for (var i = index; i < _count - 1; i++)
            {
                _items[(_head + i) & mask] = _items[(_head + i + 1) & mask];
            }

            _items[(_head + _count - 1) & mask] = null;
        }

        _count--;
        return item;
    }

    public List<RequestBase> DrainAll()
    {
        var all = new List<RequestBase>(_count);
        while (_count > 0)
        {
            all.Add(RemoveAt(0));
        }

        return all;
    }

    private void Grow()
    {
        var next = new RequestBase?[_items.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            next[i] = _items[(_head + i) & (_items.Length - 1)];
        }

        _items = next;
        _head = 0;
    }
}
