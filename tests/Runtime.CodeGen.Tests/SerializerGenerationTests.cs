using FlashSale.Runtime.CodeGen.Tests.Infrastructure;

namespace FlashSale.Runtime.CodeGen.Tests;

[Trait("Category", "Unit")]
public sealed class SerializerGenerationTests
{
    private const string Types = """
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Net;
        using FlashSale.Runtime;

        namespace Shop;

        public enum Color { Red, Green }

        [GenerateSerializer]
        public class Entity
        {
            [Id(0)] private readonly Guid _id;
            [Id(1)] public string? Label { get; private set; }
            [Id(2)] protected int Version { get; set; }

            public Entity() { }
            public Entity(Guid id) => _id = id;

            public Guid Id => _id;
            public int GetVersion() => Version;
            public void Bump() { Version++; Label = "v" + Version; }
        }

        [GenerateSerializer]
        public class Product : Entity
        {
            [Id(0)] public string Name { get; set; } = "";
            [Id(1)] public decimal Price { get; init; }
            [Id(2)] public List<string> Tags { get; } = new();
            [Id(3)] public readonly DateTime Created;
        }

        [GenerateSerializer]
        public sealed class Book : Product
        {
            [Id(0)] public string? Isbn;
            [Id(1)] public required int Pages { get; init; }
        }

        [GenerateSerializer]
        public record Money([property: Id(0)] decimal Amount, [property: Id(1)] string Currency);

        [GenerateSerializer]
        public sealed record Price(decimal Amount, string Currency, [property: Id(2)] Color Color) : Money(Amount, Currency)
        {
            [Id(0)] public DateTimeOffset? ValidUntil { get; init; }
        }

        [GenerateSerializer]
        public sealed record Line([Id(0)] string Sku, [Id(1)] int Quantity);

        [GenerateSerializer]
        public struct Point
        {
            [Id(0)] public int X;
            [Id(1)] public int Y { get; set; }
        }

        [GenerateSerializer]
        public readonly record struct Range([property: Id(0)] int From, [property: Id(1)] int To);

        [GenerateSerializer]
        public readonly struct Stamp
        {
            public Stamp(long ticks) => Ticks = ticks;
            [Id(0)] public long Ticks { get; }
            [Id(1)] public string? Note { get; init; }
        }

        [GenerateSerializer]
        public sealed class Everything
        {
            [Id(0)] public bool B; [Id(1)] public char C; [Id(2)] public sbyte Sb; [Id(3)] public byte By;
            [Id(4)] public short S; [Id(5)] public ushort Us; [Id(6)] public int I; [Id(7)] public uint Ui;
            [Id(8)] public long L; [Id(9)] public ulong Ul; [Id(10)] public float F; [Id(11)] public double D;
            [Id(12)] public decimal M; [Id(13)] public string? Str; [Id(14)] public Guid G; [Id(15)] public DateTime Dt;
            [Id(16)] public DateTimeOffset Dto; [Id(17)] public TimeSpan Ts; [Id(18)] public DateOnly Do; [Id(19)] public TimeOnly To;
            [Id(20)] public Uri? U; [Id(21)] public Version? V; [Id(22)] public IPAddress? Ip; [Id(23)] public IPEndPoint? Ep;
            [Id(24)] public byte[]? Bytes; [Id(25)] public object? O; [Id(26)] public Color E; [Id(27)] public int? N;
            [Id(28)] public int[]? Arr; [Id(29)] public Dictionary<string, List<int>>? Dict; [Id(30)] public HashSet<Guid>? Set;
            [Id(31)] public Queue<int>? Q; [Id(32)] public Stack<int>? St; [Id(33)] public ImmutableArray<string> Ia;
            [Id(34)] public IEnumerable<int>? En; [Id(35)] public IReadOnlyList<int>? Rl; [Id(36)] public IList<int>? Il;
            [Id(37)] public ICollection<int>? Ic; [Id(38)] public IReadOnlyCollection<int>? Rc; [Id(39)] public IDictionary<int, string>? Id;
            [Id(40)] public IReadOnlyDictionary<int, string>? Rd; [Id(41)] public KeyValuePair<int, string> Kv; [Id(42)] public (int, string?) Vt;
            [Id(43)] public Tuple<int, string>? Tu; [Id(44)] public Exception? Ex; [Id(45)] public Point P; [Id(46)] public Range R;
            [Id(47)] public GrainId Grain; [Id(48)] public SiloAddress? Silo; [Id(49)] public IRemindable? Ref; [Id(50)] public Money? Money;
        }

        [GenerateSerializer]
        public sealed class Page<T> where T : notnull
        {
            [Id(0)] public List<T> Items { get; set; } = new();
            [Id(1)] private int _total;
            public int Total { get => _total; set => _total = value; }
        }

        [GenerateSerializer]
        public abstract class Shape
        {
            [Id(0)] public string? Name { get; set; }
        }

        [GenerateSerializer]
        public sealed class Circle : Shape
        {
            [Id(0)] public double Radius { get; set; }
        }

        [GenerateSerializer]
        public enum Ignored { A, B }
        """;

    [Fact]
    public void Generate_RecordsClassesStructsWithInheritance_CompileWithoutDiagnostics()
    {
        var run = GeneratorHarness.Run(Types).AssertClean();

        foreach (var type in new[] { "Entity", "Product", "Book", "Money", "Price", "Line", "Point", "Range", "Stamp", "Everything", "Page`1", "Shape", "Circle" })
        {
            Assert.Contains($"Shop.{type}.Codec.g.cs", run.Sources.Keys);
        }

        Assert.DoesNotContain("Shop.Ignored.Codec.g.cs", run.Sources.Keys);
    }

    [Fact]
    public void Generate_DerivedClass_WritesBaseMembersInNestedFieldZeroScopes()
    {
        var codec = GeneratorHarness.Run(Types).AssertClean().Sources["Shop.Book.Codec.g.cs"];

        var body = codec[codec.IndexOf("WriteBodyCore(ref global::FlashSale.Runtime.Serialization.Writer writer, global::Shop.Book value)", StringComparison.Ordinal)..];
        var entityScope = body.IndexOf("writer.WriteFieldHeader(0u", body.IndexOf("writer.WriteFieldHeader(0u", StringComparison.Ordinal) + 1, StringComparison.Ordinal);
        var entityId = body.IndexOf("Codec<global::System.Guid>", StringComparison.Ordinal);
        var productName = body.IndexOf("WriteField(ref writer, 1u, value.Name)", StringComparison.Ordinal);
        var isbn = body.IndexOf("WriteField(ref writer, 1u, value.Isbn)", StringComparison.Ordinal);
        Assert.True(entityScope > 0 && entityScope < entityId && entityId < productName && productName < isbn, body);
        Assert.Contains("case 0u when field.WireType == global::FlashSale.Runtime.Serialization.WireType.StartObject:", codec);
        Assert.Contains("case 0u when field1.WireType == global::FlashSale.Runtime.Serialization.WireType.StartObject:", codec);
    }

    [Fact]
    public void Generate_InaccessibleMembers_UseUnsafeAccessors()
    {
        var codec = GeneratorHarness.Run(Types).AssertClean().Sources["Shop.Book.Codec.g.cs"];

        Assert.Contains("UnsafeAccessorKind.Field, Name = \"_id\")]", codec);
        Assert.Contains("private static extern ref global::System.Guid Field_2__id(global::Shop.Entity obj);", codec);
        Assert.Contains("Name = \"<Version>k__BackingField\"", codec);
        Assert.Contains("Name = \"<Label>k__BackingField\"", codec);
        Assert.Contains("Name = \"<Tags>k__BackingField\"", codec);
        Assert.Contains("Name = \"Created\"", codec);
        Assert.Contains("Pages = m0_Pages,", codec);
        Assert.Contains("Price = m1_Price,", codec);
    }

    [Fact]
    public void Generate_PositionalRecords_UseThePrimaryConstructor()
    {
        var sources = GeneratorHarness.Run(Types).AssertClean().Sources;

        Assert.Contains("new global::Shop.Price(m1_Amount, m1_Currency!, m0_Color)", sources["Shop.Price.Codec.g.cs"]);
        Assert.Contains("ValidUntil = m0_ValidUntil,", sources["Shop.Price.Codec.g.cs"]);
        Assert.Contains("new global::Shop.Line(m0_Sku!, m0_Quantity)", sources["Shop.Line.Codec.g.cs"]);
        Assert.Contains("new global::Shop.Range(m0_From, m0_To)", sources["Shop.Range.Codec.g.cs"]);
        Assert.Contains("new global::Shop.Stamp(m0_Ticks)", sources["Shop.Stamp.Codec.g.cs"]);
    }

    [Fact]
    public void Generate_SealedAndNonSealedTypes_HandleNullAndPolymorphism()
    {
        var sources = GeneratorHarness.Run(Types).AssertClean().Sources;

        Assert.Contains("PolymorphicCodec.WriteTyped", sources["Shop.Product.Codec.g.cs"]);
        Assert.Contains("PolymorphicCodec.ReadTyped", sources["Shop.Money.Codec.g.cs"]);
        Assert.DoesNotContain("PolymorphicCodec", sources["Shop.Book.Codec.g.cs"]);
        Assert.DoesNotContain("WriteNull", sources["Shop.Point.Codec.g.cs"]);
        Assert.Contains("is abstract", sources["Shop.Shape.Codec.g.cs"]);
    }

    [Fact]
    public void Generate_GenericType_RegistersAnOpenGenericCodec()
    {
        var run = GeneratorHarness.Run(Types).AssertClean();

        Assert.Contains("internal sealed class Codec_Shop_Page_1<T> : global::FlashSale.Runtime.Serialization.IFieldCodec<global::Shop.Page<T>>", run.Sources["Shop.Page`1.Codec.g.cs"]);
        Assert.Contains(
            "global::FlashSale.Runtime.Serialization.CodecRegistry.Register(typeof(global::Shop.Page<>), typeof(Codec_Shop_Page_1<>), \"Shop.Page`1\");",
            run.Sources["FlashSaleGenerated.GeneratedCodeProvider.g.cs"]);
    }

    [Fact]
    public void Generate_Aliases_UseAliasAttributeElseMetadataName()
    {
        var run = GeneratorHarness.Run("""
            using FlashSale.Runtime;
            namespace Ns;
            public static class Outer
            {
                [GenerateSerializer, Alias("inner-v1")] public sealed class Inner { [Id(0)] public int A; }
                [GenerateSerializer] public sealed class Other { [Id(0)] public int A; }
            }
            """).AssertClean();
        var provider = run.Sources["FlashSaleGenerated.GeneratedCodeProvider.g.cs"];

        Assert.Contains("AddCodec<global::Ns.Outer.Inner>(new Codec_Ns_Outer_Inner(), \"inner-v1\");", provider);
        Assert.Contains("AddCodec<global::Ns.Outer.Other>(new Codec_Ns_Outer_Other(), \"Ns.Outer+Other\");", provider);
        Assert.Contains("Ns.Outer-Other.Codec.g.cs", run.Sources.Keys);
    }
}
