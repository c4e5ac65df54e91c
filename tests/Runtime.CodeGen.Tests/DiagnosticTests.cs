using FlashSale.Runtime.CodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace FlashSale.Runtime.CodeGen.Tests;

[Trait("Category", "Unit")]
public sealed class DiagnosticTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using FlashSale.Runtime;

        namespace Bad;

        """;

    public static TheoryData<string, string, string> BadInputs => new()
    {
        // id, source, text of the span the diagnostic must point at
        { "FSG001", "public interface IBad : IGrain { int Get(); }", "int" },
        { "FSG001", "public interface IBad : IGrain { IAsyncEnumerable<int> Get(); }", "IAsyncEnumerable<int>" },
        { "FSG002", "public sealed class Plain { } public interface IBad : IGrain { Task Put(Plain value); }", "Plain" },
        { "FSG002", "public sealed class Plain { } public interface IBad : IGrain { Task<List<Plain>> Get(); }", "Task<List<Plain>>" },
        { "FSG002", "public interface IBad : IGrain { Task Put(int[,] grid); }", "int[,]" },
        { "FSG003", "public interface IBad : IGrain { Task Put(ref int value); }", "ref int value" },
        { "FSG003", "public interface IBad : IGrain { Task Put(out int value); }", "out int value" },
        { "FSG003", "public interface IBad : IGrain { Task Put(in int value); }", "in int value" },
        { "FSG004", "public interface IBad : IGrain { [OneWay] Task<int> Get(); }", "Task<int>" },
        { "FSG004", "public interface IBad : IGrain { [OneWay] ValueTask<int> Get(); }", "ValueTask<int>" },
        { "FSG005", "public interface IBad : IGrain { Task Put(CancellationToken first, CancellationToken second); }", "CancellationToken second" },
        { "FSG006", "[GenerateSerializer] public sealed class Dup { [Id(0)] public int A; [Id(0)] public int B; }", "B" },
        { "FSG006", "[GenerateSerializer] public sealed record Dup([property: Id(1)] int A, [property: Id(1)] int B);", "B" },
        { "FSG007", "public interface IBad : IGrain { int Count { get; } }", "Count" },
        { "FSG007", "public interface IBad : IGrain { event System.EventHandler Changed; }", "Changed" },
        { "FSG008", "public static class Outer<T> { [GenerateSerializer] public sealed class Inner { [Id(0)] public int A; } }", "Inner" },
        { "FSG009", "public interface IBad<T> : IGrain { Task<T> Get(); }", "IBad" },
        { "FSG010", "public class Outer { private interface IBad : IGrain { Task Get(); } }", "IBad" },
        { "FSG010", "public class Outer { [GenerateSerializer] private sealed class Hidden { [Id(0)] public int A; } }", "Hidden" },
        { "FSG011", "public interface IBad : IGrain { [Alias(\"same\")] Task A(); [Alias(\"same\")] Task B(); }", "B" },
        { "FSG011", "public interface IBad : IGrain { Task A(int x); Task A(int x, CancellationToken ct); }", "A" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Generate_BadInput_ReportsTheDiagnosticAtTheOffendingSyntax(string id, string source, string span)
    {
        var run = GeneratorHarness.Run(Usings + source);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("Source0.cs", diagnostic.Location.GetLineSpan().Path);
        var text = (Usings + source).Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);
        Assert.Equal(span, text);
    }

    [Fact]
    public void Generate_InterfaceWithAnError_GetsNoProxyButItsValidMethodsGetRequests()
    {
        var run = GeneratorHarness.Run(Usings + "public interface IBad : IGrain { int Wrong(); Task Right(); }");

        Assert.Equal("FSG001", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.DoesNotContain("Bad.IBad.Proxy.g.cs", run.Sources.Keys);
        Assert.Contains("Invokable_Bad_IBad_Right_", run.Sources["Bad.IBad.Requests.g.cs"]);
        Assert.DoesNotContain("Wrong", run.Sources["Bad.IBad.Requests.g.cs"]);
        Assert.DoesNotContain("AddProxy", run.Sources["FlashSaleGenerated.GeneratedCodeProvider.g.cs"]);
    }

    [Fact]
    public void Generate_InterfaceDerivingFromAnInvalidOne_GetsNoProxy()
    {
        var run = GeneratorHarness.Run(Usings + "public interface IBad : IGrain { int Wrong(); } public interface IDerived : IBad { Task Fine(); }");

        Assert.Equal("FSG001", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.DoesNotContain("Bad.IDerived.Proxy.g.cs", run.Sources.Keys);
    }

    [Fact]
    public void Generate_Messages_NameTheInterfaceMethodAndParameter()
    {
        var run = GeneratorHarness.Run(Usings + "public interface IBad : IGrain { Task Put(int ok, ref int value); }");

        var message = Assert.Single(run.GeneratorDiagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'value'", message);
        Assert.Contains("'Put(int, ref int)'", message);
        Assert.Contains("'Bad.IBad'", message);
    }

    [Fact]
    public void Generate_DuplicateTypeAliases_ReportFsg011()
    {
        var run = GeneratorHarness.Run(Usings + """
            [GenerateSerializer, Alias("dto")] public sealed class A { [Id(0)] public int X; }
            [GenerateSerializer, Alias("dto")] public sealed class B { [Id(0)] public int X; }
            """);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("FSG011", diagnostic.Id);
        Assert.Contains("'dto'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
