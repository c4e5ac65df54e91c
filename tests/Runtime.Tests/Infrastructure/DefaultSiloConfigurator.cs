using FlashSale.Runtime.Hosting;
using FlashSale.Runtime.Testing;

namespace FlashSale.Runtime.Tests.Infrastructure;

public sealed class DefaultSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddMemoryGrainStorageAsDefault().UseInMemoryReminderService();
}
