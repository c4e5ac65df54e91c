namespace FlashSale.Runtime.Tests.Infrastructure;

/// <summary>Retries a call that may fail while the cluster converges (a silo just died), up to a deadline.</summary>
public static class Retry
{
    public static async Task<T> UntilSuccessAsync<T>(Func<Task<T>> call, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is SiloUnavailableException or TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
            catch (Exception e) when (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what}", e);
            }
        }
    }
}
