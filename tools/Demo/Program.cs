using System.Net.Http.Headers;
using System.Net.Http.Json;
using FlashSale.Demo;
using FlashSale.Grains;
using Spectre.Console;

// The FlashSale demo: a local cluster of two silos in each of two datacenters and the API gateway, on the
// embedded default (nothing installed), then a flash sale driven over HTTP, then the results.
//   dotnet run --project tools/Demo -c Release [-- --attempts 200000 --buyers 50000 --stock 10000 --concurrency 64]
var settings = DemoSettings.Parse(args);
AnsiConsole.MarkupLine($"[bold]FlashSale demo[/]: {settings.Attempts:N0} attempts from {settings.Buyers:N0} buyers on {settings.Stock:N0} units, storage [blue]{settings.Storage}[/]");

var postgres = settings.Storage == "postgres" ? await PostgresServer.StartAsync() : null;
await using var local = await AnsiConsole.Status().StartAsync("Starting 4 silos in 2 datacenters and the gateway...", _ => LocalCluster.StartAsync(postgres));
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency }) { BaseAddress = local.Address };
using var admin = new HttpClient { BaseAddress = local.Address };
admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", LocalCluster.AdminKey);

const string Sku = "hot-phone";
var created = await admin.PostAsJsonAsync("/admin/skus", new
{
    sku = Sku,
    name = "Hot phone",
    price = 1999m,
    stock = settings.Stock,
    perUserLimit = settings.PerUserLimit,
    startsAt = DateTimeOffset.UtcNow.AddSeconds(-1),
    endsAt = DateTimeOffset.UtcNow.AddHours(1),
});
created.EnsureSuccessStatusCode();

var run = new SaleRun(http, settings, Sku);
await run.RunAsync();

var report = await Results.SettleAsync(local, Sku);
await Results.PrintAsync(local, settings, run, report, await local.Cluster.Client.GetGrain<ISkuGrain>(Sku).GetLedger());
