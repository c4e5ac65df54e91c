using System.Runtime.InteropServices;

namespace FlashSale.LoadGen;

/// <summary>bench/RESULTS.md as every benchmark writes it: each owns one marked section and rewrites only that.</summary>
public static class ResultsMarkdown
{
    /// <summary>The machine line of a section: cores, CPU, memory, OS and .NET version.</summary>
    public static string Machine()
    {
        var cpu = "unknown CPU";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException)
        {
        }

        return $"{Environment.ProcessorCount} cores ({cpu}), {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    /// <summary>Replaces the section between <c>&lt;!-- section:start --&gt;</c> and its end marker (or appends it).</summary>
    public static void WriteSection(string section, string body)
    {
        var path = Path.Combine(RepositoryRoot(), "bench", "RESULTS.md");
        var start = $"<!-- {section}:start -->";
        var end = $"<!-- {section}:end -->";
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmark results\n\nEach section is rewritten by the benchmark that owns it; compare ratios within one run, not figures across runs.\n";
        var block = $"{start}\n{body.TrimEnd()}\n{end}";
        var i = text.IndexOf(start, StringComparison.Ordinal);
        var j = text.IndexOf(end, StringComparison.Ordinal);
        text = i >= 0 && j > i ? text[..i] + block + text[(j + end.Length)..] : text.TrimEnd() + "\n\n" + block + "\n";
        File.WriteAllText(path, text);
        Console.WriteLine($"wrote {path}");
    }

    /// <summary>The repository's root, found upwards from the running binary (the current directory if none).</summary>
    public static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "FlashSale.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? Directory.GetCurrentDirectory();
    }
}
