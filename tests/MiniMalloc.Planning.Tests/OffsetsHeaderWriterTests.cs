using System.Globalization;
using System.Text;

namespace MiniMalloc.Planning.Tests;

public class OffsetsHeaderWriterTests
{
    /// <summary>The sample model (kws_cnn) with a hand-made valid plan (the tests of the header need no solver).</summary>
    internal static OffsetsHeaderInput Sample()
    {
        var read = LifetimesReader.Read(TestSupport.Fixture("kws_cnn.lifetimes.json"));
        var (doc, problem) = (read.Document!, read.Problem!);
        var solution = Solution.FromOffsets(problem, [1024, 5056, 21056, 0]);
        Assert.True(Validator.Validate(problem, solution).IsValid);
        return new OffsetsHeaderInput
        {
            Problem = problem,
            Solution = solution,
            SymbolPrefix = "kws_cnn",
            Capacity = 262144,
            ArenaAlignment = OffsetsHeaderWriter.ArenaAlignment(problem, doc.Alignment.Bytes)!.Value,
            ToolVersion = "9.9.9-test",
            SourceFileName = "kws_cnn.lifetimes.json",
            InputHash = doc.ContentHash,
        };
    }

    /// <summary>A problem whose buffers all overlap in time, placed one above the other: valid for any ids.</summary>
    internal static OffsetsHeaderInput Stacked(string prefix, params string[] ids)
    {
        var buffers = ids.Select((id, i) => new Buffer(id, i, i + 3, 100 + i) { Alignment = 8 }).ToList();
        var offsets = new List<long>();
        long next = 0;
        foreach (var b in buffers)
        {
            offsets.Add(next);
            next = OffsetsHeaderWriter.ArenaSize(next + b.Size, 8);
        }
        var problem = new Problem(buffers, 0);
        var solution = Solution.FromOffsets(problem, offsets);
        return new OffsetsHeaderInput
        {
            Problem = problem,
            Solution = solution,
            SymbolPrefix = prefix,
            ArenaAlignment = 8,
            ToolVersion = "1.0.0",
            SourceFileName = "stacked.json",
            InputHash = "00",
        };
    }

    [Fact]
    public void Defines_the_arena_and_every_buffer()
    {
        string header = OffsetsHeaderWriter.Render(Sample());
        var lines = header.Split('\n');

        Assert.Contains("#define KWS_CNN_ARENA_SIZE 23104u", lines);
        Assert.Contains("#define KWS_CNN_ARENA_ALIGNMENT 64u", lines);
        Assert.Contains("#define KWS_CNN_ARENA_CAPACITY 262144u", lines);
        Assert.Contains("#define KWS_CNN_BUFFER_COUNT 4u", lines);
        Assert.Contains("#define KWS_CNN_INPUT_OFFSET 1024u", lines);
        Assert.Contains("#define KWS_CNN_INPUT_SIZE 4000u", lines);
        Assert.Contains("#define KWS_CNN_CONV1_OUT_OFFSET 5056u", lines);
        Assert.Contains("#define KWS_CNN_CONV1_OUT_SIZE 16000u", lines);
        Assert.Contains("#define KWS_CNN_SCRATCH_OFFSET 21056u", lines);
        Assert.Contains("#define KWS_CNN_DMA_IN_OFFSET 0u", lines);
        Assert.Contains("/* \"conv1/out\": live in steps [1, 4), 16000 bytes, alignment 64 */", lines);
        Assert.Contains("/* \"scratch\": live in steps [2, 9), gaps [3, 5) [6, 7) window [0, 512), 2048 bytes, alignment 16 */", lines);
        Assert.Contains("/* \"dma_in\": live in steps [0, 9), 1024 bytes, alignment 16, fixed offset */", lines);
        Assert.Contains("    { \"conv1/out\", KWS_CNN_CONV1_OUT_OFFSET, KWS_CNN_CONV1_OUT_SIZE, 1, 4 },", lines);
        Assert.Contains("#ifdef KWS_CNN_DEFINE_BUFFER_TABLE", lines);
        Assert.Contains("KWS_CNN_STATIC_ASSERT(KWS_CNN_CONV1_OUT_OFFSET % 64u == 0u, \"KWS_CNN_CONV1_OUT_OFFSET is not aligned to 64\");", lines);
        Assert.Equal("#ifndef KWS_CNN_OFFSETS_H_INCLUDED", lines.First(l => l.StartsWith('#')));
        Assert.Equal("#endif /* KWS_CNN_OFFSETS_H_INCLUDED */", lines[^2]);
    }

    [Fact]
    public void Has_a_banner_with_version_source_hash_and_do_not_edit()
    {
        var input = Sample();
        string banner = OffsetsHeaderWriter.Render(input).Split("*/")[0];

        Assert.Contains("9.9.9-test", banner);
        Assert.Contains("Source: kws_cnn.lifetimes.json", banner);
        Assert.Contains("Input SHA-256: " + input.InputHash, banner);
        Assert.Contains("DO NOT EDIT", banner);
        Assert.DoesNotContain(DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture), banner);
    }

    [Fact]
    public void Is_deterministic_ascii_with_lf_line_ends_in_any_culture()
    {
        var input = Sample();
        string first = OffsetsHeaderWriter.Render(input);
        var culture = CultureInfo.CurrentCulture;
        try
        {
            // Swedish writes U+2212 as its minus sign and a non-breaking space between thousands.
            CultureInfo.CurrentCulture = new CultureInfo("sv-SE");
            Assert.Equal(first, OffsetsHeaderWriter.Render(Sample()));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
        Assert.DoesNotContain('\r', first);
        Assert.EndsWith("\n", first);
        Assert.All(first, c => Assert.InRange(c, '\n', '~'));
    }

    [Fact]
    public void Omits_the_capacity_macro_without_a_capacity()
    {
        string header = OffsetsHeaderWriter.Render(Sample() with { Capacity = null });
        Assert.DoesNotContain("ARENA_CAPACITY", header);
    }

    [Fact]
    public void Rounds_the_arena_up_to_its_alignment()
    {
        Assert.Equal(0, OffsetsHeaderWriter.ArenaSize(0, 64));
        Assert.Equal(64, OffsetsHeaderWriter.ArenaSize(1, 64));
        Assert.Equal(128, OffsetsHeaderWriter.ArenaSize(128, 64));
        Assert.Equal(129, OffsetsHeaderWriter.ArenaSize(129, 1));
    }

    [Fact]
    public void The_arena_alignment_is_a_multiple_of_every_buffer_alignment()
    {
        var problem = new Problem([new Buffer("a", 0, 1, 1) { Alignment = 4 }, new Buffer("b", 0, 1, 1) { Alignment = 6 }], 0);
        Assert.Equal(12, OffsetsHeaderWriter.ArenaAlignment(problem));
        Assert.Equal(48, OffsetsHeaderWriter.ArenaAlignment(problem, 16));
    }

    [Fact]
    public void Refuses_colliding_identifiers()
    {
        var input = Stacked("p", "conv1/out", "conv1.out");
        Assert.Throws<ArgumentException>(() => OffsetsHeaderWriter.Render(input));
    }

    public static TheoryData<string> HostileIds => new(HostileIdCorpus.Ids);

    [Theory]
    [MemberData(nameof(HostileIds))]
    public void Hostile_ids_stay_inside_comments_and_string_literals(string id)
    {
        string header = OffsetsHeaderWriter.Render(Stacked("evil", id, "other"));
        var lines = header.Split('\n');

        // Every line is a preprocessor line, a comment line, a C declaration we wrote, or blank: no line of the id.
        foreach (string line in lines)
        {
            Assert.DoesNotMatch(@"^\s*#\s*define\s+(EVIL|X)\b", line);
        }
        string comment = lines.Single(l => l.StartsWith("/* \"", StringComparison.Ordinal) && l.Contains("steps [0, 3)"));
        Assert.EndsWith(" */", comment);
        Assert.Equal(1, CountOccurrences(comment, "*/"));
        Assert.Equal(1, CountOccurrences(comment, "/*"));
        Assert.DoesNotContain("??", header);
    }

    private static int CountOccurrences(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    [GccFact]
    public void Compiles_warning_free_as_c99_c11_and_cpp_and_the_table_matches_at_run_time()
    {
        using var temp = new TempDirectory();
        var inputs = HostileIdCorpus.Ids.Select((id, i) => Stacked($"h{i}", id, "other")).Append(Sample()).ToList();
        var program = new StringBuilder();
        program.Append("#include <stdio.h>\n#include <string.h>\n\n");
        for (int k = 0; k < inputs.Count; k++)
        {
            string prefix = CIdentifier.Prefix(inputs[k].SymbolPrefix)!;
            File.WriteAllText(temp.File($"plan{k}.h"), OffsetsHeaderWriter.Render(inputs[k]), new UTF8Encoding(false));
            program.Append($"#define {prefix}_DEFINE_BUFFER_TABLE\n#include \"plan{k}.h\"\n");
            // Included twice: the include guard must hold.
            program.Append($"#include \"plan{k}.h\"\n");
        }
        program.Append("\n#if defined(EVIL) || defined(X)\n#error an id defined a macro\n#endif\n\n");
        program.Append("static int failures;\n");
        program.Append("static void check(int ok, const char *what) { if (!ok) { printf(\"FAILED: %s\\n\", what); failures++; } }\n\n");
        program.Append("int main(void)\n{\n");
        for (int k = 0; k < inputs.Count; k++) AppendChecks(program, inputs[k], k);
        program.Append("    printf(\"checked %d headers\\n\", ").Append(inputs.Count).Append(");\n");
        program.Append("    return failures == 0 ? 0 : 1;\n}\n");
        File.WriteAllText(temp.File("main.c"), program.ToString());
        File.Copy(temp.File("main.c"), temp.File("main.cpp"));

        const string warnings = "-Wall -Wextra -Werror";
        CCompiler.Compile(CCompiler.Gcc!, $"-std=c99 {warnings} -o c99 main.c", temp.Path);
        CCompiler.Compile(CCompiler.Gcc!, $"-std=c11 -pedantic {warnings} -o c11 main.c", temp.Path);
        CCompiler.Compile(CCompiler.Gxx!, $"{warnings} -o cpp main.cpp", temp.Path);
        CCompiler.Compile(CCompiler.Gxx!, $"-std=c++98 {warnings} -fsyntax-only main.cpp", temp.Path);
        foreach (var exe in new[] { "c99", "c11", "cpp" })
        {
            var (exitCode, output) = CCompiler.Run(temp.File(exe), "", temp.Path);
            Assert.True(exitCode == 0, $"{exe}: {output}");
            Assert.Contains($"checked {inputs.Count} headers", output);
        }
    }

    /// <summary>
    /// Checks written from the plan itself (not from the header): every macro has the plan's value, the table
    /// holds the id's exact bytes, and no two buffers live at the same step share a byte.
    /// </summary>
    private static void AppendChecks(StringBuilder c, OffsetsHeaderInput input, int k)
    {
        string p = CIdentifier.Prefix(input.SymbolPrefix)!;
        string t = p.ToLowerInvariant() + "_buffers";
        var buffers = input.Problem.Buffers;
        c.Append($"    check({p}_BUFFER_COUNT == {buffers.Count}u, \"count {k}\");\n");
        c.Append($"    check({p}_ARENA_SIZE == {OffsetsHeaderWriter.ArenaSize(input.Solution.Height, input.ArenaAlignment)}u, \"arena {k}\");\n");
        for (int i = 0; i < buffers.Count; i++)
        {
            string name = p + "_" + CIdentifier.Fragment(buffers[i].Id);
            byte[] bytes = Encoding.UTF8.GetBytes(buffers[i].Id);
            string array = $"id_{k}_{i}";
            c.Append($"    {{ static const unsigned char {array}[] = {{ {string.Join(", ", bytes.Select(b => "0x" + b.ToString("x2", CultureInfo.InvariantCulture)).Append("0x00"))} }};\n");
            c.Append($"      check(memcmp({t}[{i}].name, {array}, sizeof {array}) == 0, \"name {k}.{i}\"); }}\n");
            c.Append($"    check({name}_OFFSET == {input.Solution.Offsets[i]}u && {t}[{i}].offset == {name}_OFFSET, \"offset {k}.{i}\");\n");
            c.Append($"    check({name}_SIZE == {buffers[i].Size}u && {t}[{i}].size == {name}_SIZE, \"size {k}.{i}\");\n");
            c.Append($"    check({t}[{i}].start == {buffers[i].Lifespan.Lower} && {t}[{i}].end == {buffers[i].Lifespan.Upper}, \"steps {k}.{i}\");\n");
        }
        // Pairwise at run time through the table, as firmware would. (Buffers with gaps may legally share bytes
        // during a gap; the plans here never do, so the plain lifespan check applies.)
        {
            c.Append($"    {{ unsigned i, j; for (i = 0; i < {p}_BUFFER_COUNT; i++) for (j = i + 1; j < {p}_BUFFER_COUNT; j++) {{\n");
            c.Append($"        int live = {t}[i].start < {t}[j].end && {t}[j].start < {t}[i].end;\n");
            c.Append($"        int share = {t}[i].offset < {t}[j].offset + {t}[j].size && {t}[j].offset < {t}[i].offset + {t}[i].size;\n");
            c.Append($"        check(!(live && share), \"overlap {k}\"); }} }}\n");
        }
    }
}

/// <summary>Ids written to attack the header: comment terminators, preprocessor lines, quotes, escapes, controls, non-ASCII.</summary>
internal static class HostileIdCorpus
{
    public static readonly string[] Ids =
    [
        "*/ #define EVIL 1 /*",
        "a*/b",
        "/* open",
        "// line comment \\",
        "x\n#define X 1\n",
        "#define EVIL 2",
        "quote\"d \" ); int EVIL = (\"",
        "back\\slash\\",
        "trail\\",
        "trigraph ??/ ??= ??'",
        "tab\there\rcr\r\nlf",
        "nul\0byte",
        "ctrl\u0001\u001b[31m\u007f",
        "größe",
        "日本語のテンソル",
        "emoji 😀 tensor",
        "line\u2028separator",
        "bidi \u202e evil",
        "%s%n%x",
        "'single' `tick` $dollar",
        "0x1F00_size",
    ];
}
