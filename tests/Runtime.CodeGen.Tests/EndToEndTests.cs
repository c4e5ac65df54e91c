using FlashSale.Runtime.CodeGen.Tests.Infrastructure;

namespace FlashSale.Runtime.CodeGen.Tests;

/// <summary>
/// Compiles generated code, loads it, registers it through its provider and round-trips values through the
/// generated codecs with the real Writer/Reader: the generated code and the serialization runtime together.
/// </summary>
[Trait("Category", "Unit")]
public sealed class EndToEndTests
{
    private const string Source = """
        using System;
        using System.Buffers;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using FlashSale.Runtime;
        using FlashSale.Runtime.Serialization;

        namespace E2E;

        [GenerateSerializer]
        public class Entity
        {
            [Id(0)] private readonly Guid _id;
            [Id(1)] public string? Label { get; private set; }
            public Entity() { }
            public Entity(Guid id, string label) { _id = id; Label = label; }
            public Guid Id => _id;
        }

        [GenerateSerializer]
        public sealed class Order : Entity
        {
            public Order() { }
            public Order(Guid id) : base(id, "order") { }
            [Id(0)] public List<Line> Lines { get; } = new();
            [Id(1)] public required string Customer { get; init; }
            [Id(2)] public Money? Total { get; set; }
            [Id(3)] public Status Status;
        }

        public enum Status { New, Paid }

        [GenerateSerializer]
        public sealed record Line([property: Id(0)] string Sku, [property: Id(1)] int Quantity);

        [GenerateSerializer]
        public readonly record struct Money([property: Id(0)] decimal Amount, [property: Id(1)] string Currency);

        [GenerateSerializer]
        public sealed class Page<T>
        {
            [Id(0)] public List<T> Items { get; set; } = new();
            [Id(1)] private int _total;
            public int Total { get => _total; set => _total = value; }
        }

        [GenerateSerializer]
        public struct Gauge
        {
            [Id(0)] private int _level;
            [Id(1)] public string? Unit { get; private set; }
            public Gauge(int level, string unit) { _level = level; Unit = unit; }
            public readonly int Level => _level;
        }

        public interface IOrders : IGrainWithStringKey
        {
            Task<Order> Place(Order order, int priority);
        }

        public interface IFast : IGrainWithIntegerKey
        {
            ValueTask<int> Add(int x);
            ValueTask Touch(string tag);
        }

        /// <summary>Completes every request synchronously, as a local activation that finished at once would.</summary>
        public sealed class SyncRuntime : FlashSale.Runtime.Invocation.IGrainReferenceRuntime
        {
            public IGrainFactory GrainFactory => throw new NotSupportedException();

            public void SendRequest(FlashSale.Runtime.Invocation.GrainReference target, FlashSale.Runtime.Invocation.RequestBase request)
            {
                if (request is FlashSale.Runtime.Invocation.Request<int> withResult)
                {
                    withResult.Result = 1;
                }

                request.TrySignal();
            }

            public FlashSale.Runtime.Invocation.GrainReference CreateReference(GrainId grainId, Type interfaceType) => throw new NotSupportedException();
        }

        public static class Check
        {
            /// <summary>Bytes allocated by 1000 proxy calls, and by creating 1000 requests directly.</summary>
            public static long[] Allocations()
            {
                var proxy = (IFast)FlashSale.Runtime.CodeGeneration.GeneratedCodeRegistry.GetProxyFactory(typeof(IFast))(new SyncRuntime(), GrainId.Create("fast", "1"));
                var sum = 0;
                for (var i = 0; i < 100; i++)
                {
                    sum += proxy.Add(1).GetAwaiter().GetResult();
                    proxy.Touch("t").GetAwaiter().GetResult();
                }

                var before = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < 1000; i++)
                {
                    sum += proxy.Add(1).GetAwaiter().GetResult();
                    proxy.Touch("t").GetAwaiter().GetResult();
                }

                var calls = GC.GetAllocatedBytesForCurrentThread() - before;
                var requests = new object[2000];
                before = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < 1000; i++)
                {
                    requests[2 * i] = FlashSale.Runtime.CodeGeneration.GeneratedCodeRegistry.CreateRequest("E2E.IFast.Add(System.Int32)");
                    requests[(2 * i) + 1] = FlashSale.Runtime.CodeGeneration.GeneratedCodeRegistry.CreateRequest("E2E.IFast.Touch(System.String)");
                }

                var direct = GC.GetAllocatedBytesForCurrentThread() - before;
                return [calls, direct, sum, requests.Length];
            }

            public static T RoundTrip<T>(T value)
            {
                var buffer = new ArrayBufferWriter<byte>();
                var writer = new Writer(buffer);
                Codec<T>.Instance.WriteField(ref writer, 0, value);
                writer.Commit();
                var reader = new Reader(buffer.WrittenSpan);
                var result = Codec<T>.Instance.ReadValue(ref reader, reader.ReadFieldHeader());
                if (!reader.IsEnd)
                {
                    throw new InvalidOperationException("Bytes left after reading.");
                }

                return result;
            }

            public static string Order()
            {
                var order = new Order(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")) { Customer = "ada", Total = new Money(12.5m, "EUR"), Status = Status.Paid };
                order.Lines.Add(new Line("apple", 3));
                var copy = RoundTrip(order);
                return $"{copy.Id}|{copy.Label}|{copy.Customer}|{copy.Total}|{copy.Status}|{string.Join(",", copy.Lines)}";
            }

            public static string Polymorphic()
            {
                Entity entity = new Order(Guid.Empty) { Customer = "bob" };
                var copy = RoundTrip(entity);
                return copy is Order order ? $"{order.GetType().Name}|{order.Customer}|{order.Label}" : copy.GetType().Name;
            }

            public static string Generic()
            {
                var page = new Page<Line> { Total = 7 };
                page.Items.Add(new Line("pear", 1));
                var copy = RoundTrip(page);
                return $"{copy.Total}|{string.Join(",", copy.Items)}";
            }

            public static string Struct()
            {
                var copy = RoundTrip(new Gauge(42, "kPa"));
                return $"{copy.Level}|{copy.Unit}";
            }

            public static string RuntimeTypes()
            {
                var silo = RoundTrip(new SiloAddress(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 11111), 7));
                var tick = RoundTrip(new TickStatus(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), TimeSpan.FromMinutes(1), new DateTime(2026, 1, 2, 3, 5, 5, DateTimeKind.Utc)));
                var grain = RoundTrip(GrainId.Create("counter", "a"));
                return $"{silo}|{tick.Period}|{grain}";
            }

            public static string DefaultGrainId() => RoundTrip(default(GrainId)).ToString();

            public static string Request()
            {
                var request = new FlashSaleGenerated.Invokable_E2E_IOrders_Place_HASH();
                request.arg0 = new Order(Guid.Empty) { Customer = "cy" };
                request.arg1 = 4;
                var buffer = new ArrayBufferWriter<byte>();
                var writer = new Writer(buffer);
                request.SerializeArguments(ref writer);
                writer.Commit();
                var copy = new FlashSaleGenerated.Invokable_E2E_IOrders_Place_HASH();
                var reader = new Reader(buffer.WrittenSpan);
                copy.DeserializeArguments(ref reader);
                return $"{copy.arg0.Customer}|{copy.arg1}";
            }
        }
        """;

    [Fact]
    public void RoundTrip_GeneratedCodecsAndRequest_PreserveValues()
    {
        var assembly = Compiled.Value;

        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e|order|ada|Money { Amount = 12.5, Currency = EUR }|Paid|Line { Sku = apple, Quantity = 3 }", LoadedAssembly.Invoke(assembly, "E2E.Check", "Order"));
        Assert.Equal("Order|bob|order", LoadedAssembly.Invoke(assembly, "E2E.Check", "Polymorphic"));
        Assert.Equal("7|Line { Sku = pear, Quantity = 1 }", LoadedAssembly.Invoke(assembly, "E2E.Check", "Generic"));
        Assert.Equal("cy|4", LoadedAssembly.Invoke(assembly, "E2E.Check", "Request"));
        Assert.Equal("42|kPa", LoadedAssembly.Invoke(assembly, "E2E.Check", "Struct"));
        Assert.Equal("S127.0.0.1:11111:7|00:01:00|counter/a", LoadedAssembly.Invoke(assembly, "E2E.Check", "RuntimeTypes"));
    }

    [Fact]
    public void Proxy_ValueTaskCalls_AllocateOnlyTheRequest()
    {
        var assembly = Compiled.Value;

        var allocations = (long[])LoadedAssembly.Invoke(assembly, "E2E.Check", "Allocations")!;

        Assert.Equal(1100 * 2, allocations[2] + 1100);
        Assert.Equal(allocations[1], allocations[0]);
    }

    [Fact]
    public void RoundTrip_DefaultGrainId_IsDefault()
    {
        var assembly = Compiled.Value;

        Assert.Equal("(none)", LoadedAssembly.Invoke(assembly, "E2E.Check", "DefaultGrainId"));
    }

    // Compiled, loaded and registered once: the type-alias table rejects a second copy of the same types.
    private static readonly Lazy<System.Reflection.Assembly> Compiled = new(CompileAndRegister);

    private static System.Reflection.Assembly CompileAndRegister()
    {
        // The request class name carries the signature hash: find it in a first run, then compile the check against it.
        var probe = GeneratorHarness.Run(Source.Replace("FlashSaleGenerated.Invokable_E2E_IOrders_Place_HASH", "object", StringComparison.Ordinal));
        var requestClass = System.Text.RegularExpressions.Regex.Match(probe.AllSources, @"Invokable_E2E_IOrders_Place_[0-9A-F]{8}").Value;
        var run = GeneratorHarness.RunAs("EndToEndAssembly", Source.Replace("Invokable_E2E_IOrders_Place_HASH", requestClass, StringComparison.Ordinal)).AssertClean();
        var assembly = LoadedAssembly.Load(run.Output);

        LoadedAssembly.Provider(assembly).Register();
        return assembly;
    }
}
