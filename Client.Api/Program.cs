using FlashSale.Client.Api.Hosting;

// The FlashSale API gateway: a cluster client with the public, admin and health endpoints.
// With no configuration it connects to the development silo's gateway at 127.0.0.1:30000.
var builder = WebApplication.CreateBuilder(args);
builder.AddFlashSaleGateway();

var app = builder.Build();
app.MapFlashSaleGateway();
await app.RunAsync();

/// <summary>The gateway's entry point (public so that tests and the demo can host it).</summary>
public partial class Program;
