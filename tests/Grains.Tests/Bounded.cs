namespace FlashSale.Grains.Tests;

/// <summary>Runs a bounded number of operations with bounded concurrency, within a deadline.</summary>
public static class Bounded
{
    public static async Task<List<T>> RunAsync<T>(int count, int concurrency, Func<int, Task<T>> operation, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        var results = new T[count];
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                cts.Token.ThrowIfCancellationRequested();
                results[i] = await operation(i);
            }
        });
        await Task.WhenAll(workers);
        return [.. results];
    }
}
