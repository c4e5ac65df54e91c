using System.Diagnostics;
using FlashSale.Demo;
using FlashSale.Runtime;
using FlashSale.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// A small grain demo on one silo (the flash-sale demo replaces it once the domain lands): it starts a silo on
// the embedded default (memory storage, memory reminders), makes grain calls, and prints what happened.
var calls = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 100_000;

using var host = Host.CreateDefaultBuilder(args)
    .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
    .UseSilo(silo => silo.AddMemoryGrainStorageAsDefault().UseInMemoryReminderService())
    .Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();

Console.WriteLine("FlashSale runtime demo: one silo, embedded default providers");
Console.WriteLine();

// 1. Many callers hitting one hot grain: turn-based execution means no lost updates without locks.
var stock = grains.GetGrain<IStockGrain>("sku-1");
await stock.Restock(calls / 2);
var watch = Stopwatch.StartNew();
var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(async caller =>
{
    var bought = 0;
    for (var i = caller; i < calls; i += 64)
    {
        if (await stock.TryTake())
        {
            bought++;
        }
    }

    return bought;
}));
watch.Stop();
var sold = results.Sum();
Console.WriteLine($"hot grain      : {calls:N0} purchase attempts from 64 concurrent callers in {watch.Elapsed.TotalMilliseconds:N0} ms ({calls / watch.Elapsed.TotalSeconds:N0} calls/s)");
Console.WriteLine($"                 sold {sold:N0} of {calls / 2:N0} units, remaining {await stock.Remaining()}, oversold {Math.Max(0, sold - (calls / 2))}");

// 2. State written to storage survives deactivation.
await stock.Save();
await stock.Deactivate();
Console.WriteLine($"persistence    : after deactivation the grain reads back sold = {await stock.Sold():N0} (etag {await stock.Etag()})");

// 3. A stateless worker scales out on the silo.
var worker = grains.GetGrain<IPriceWorker>("pricing");
var workers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => worker.Quote(i)));
Console.WriteLine($"stateless      : 200 concurrent quotes served by {workers.Select(w => w.Worker).Distinct().Count()} local worker activations");

// 4. Errors reach the caller with type and message; the grain keeps serving.
try
{
    await stock.TakeMany(-1);
}
catch (ArgumentOutOfRangeException e)
{
    Console.WriteLine($"errors         : {e.GetType().Name}: {e.ParamName} ({e.Message.Split('\n')[0].Trim()}); remaining still {await stock.Remaining()}");
}

await host.StopAsync();
Console.WriteLine();
Console.WriteLine("silo stopped gracefully");
