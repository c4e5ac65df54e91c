using FlashSale.Runtime.Hosting;
using FlashSale.Silo;
using Microsoft.Extensions.Hosting;

// A FlashSale silo. With no configuration it is a development silo: memory providers, development clustering
// with the table on the primary silo at 127.0.0.1:11111, silo port 11111, gateway port 30000, datacenter dc1.
// Everything comes from appsettings.json, environment variables (Silo__Datacenter=dc2) or the command line
// (--Silo:SiloPort=11112 --Silo:GatewayPort=30001).
var builder = Host.CreateApplicationBuilder(args);
builder.UseSilo(silo => silo.UseConfiguredProviders(builder.Configuration));
await builder.Build().RunAsync();
