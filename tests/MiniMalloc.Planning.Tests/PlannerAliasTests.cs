using System.Text.RegularExpressions;
using MiniMalloc.Planning.Tests.Reporting;

namespace MiniMalloc.Planning.Tests;

/// <summary>Alias groups through the whole pipeline: read, folded, solved, expanded, validated, and in every output.</summary>
public class PlannerAliasTests
{
    // conv.out is viewed as flat, which relu overwrites in place; a and b are produced straight into their slices
    // of cat; z lives throughout.
    private const string Model = """
        {
          "version": 1,
          "name": "views",
          "alignment": 16,
          "buffers": [
            { "id": "x", "start": 0, "end": 2, "size": 4096 },
            { "id": "conv.out", "start": 1, "end": 4, "size": 4096 },
            { "id": "flat", "start": 3, "end": 6, "size": 4096, "alias": { "of": "conv.out" } },
            { "id": "relu", "start": 5, "end": 7, "size": 4096, "alias": { "of": "flat", "offset": 0 } },
            { "id": "a", "start": 2, "end": 8, "size": 1024, "alias": { "of": "cat", "offset": 0 } },
            { "id": "b", "start": 4, "end": 8, "size": 1024, "alias": { "of": "cat", "offset": 1024 } },
            { "id": "cat", "start": 7, "end": 9, "size": 2048 },
            { "id": "z", "start": 0, "end": 9, "size": 512 }
          ]
        }
        """;

    private static string Write(TempDirectory temp, string json, string name = "views.lifetimes.json")
    {
        string path = temp.File(name);
        File.WriteAllText(path, json);
        return path;
    }

    private static long Macro(string header, string name) =>
        long.Parse(Regex.Match(header, $"#define VIEWS_{name}_OFFSET (\\d+)u").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Every_alias_gets_its_owners_offset_plus_its_own_in_the_header_and_the_csv()
    {
        using var temp = new TempDirectory();
        var request = new PlanRequest { InputPath = Write(temp, Model), HeaderPath = temp.File("views.h"), ReturnCsv = true };

        var outcome = Planner.Run(request);

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        string header = File.ReadAllText(request.HeaderPath!);
        Assert.Equal(Macro(header, "CONV_OUT"), Macro(header, "FLAT"));
        Assert.Equal(Macro(header, "CONV_OUT"), Macro(header, "RELU"));
        Assert.Equal(Macro(header, "CAT"), Macro(header, "A"));
        Assert.Equal(Macro(header, "CAT") + 1024, Macro(header, "B"));
        Assert.Contains("/* \"b\": alias of \"cat\" from its byte 1024 (shares its bytes), live in steps [4, 8), 1024 bytes */", header);
        Assert.Contains("VIEWS_STATIC_ASSERT(VIEWS_B_OFFSET == VIEWS_CAT_OFFSET + 1024u, \"VIEWS_B does not lie at its place in VIEWS_CAT\");", header);
        Assert.Contains("VIEWS_STATIC_ASSERT(VIEWS_RELU_OFFSET == VIEWS_FLAT_OFFSET + 0u,", header);
        Assert.Contains("#define VIEWS_BUFFER_COUNT 8u", header);

        var csv = outcome.Csv!.Split('\n');
        Assert.Equal("id,lower,upper,size,alignment,alias,offset", csv[0]);
        Assert.Equal($"b,4,8,1024,1,cat@1024,{Macro(header, "CAT") + 1024}", csv[6]);

        // Groups: {x}, {conv.out, flat, relu}, {cat, a, b}, {z}; at step 1: x 4096 + conv.out 4096 + z 512.
        Assert.Equal(8704, outcome.Summary!.LowerBound);
        Assert.Equal(8704, outcome.Summary.Peak);
        Assert.True(outcome.Summary.ProvenOptimal);
    }

    [Fact]
    public void Aliasing_saves_what_separate_buffers_cost()
    {
        using var temp = new TempDirectory();
        string separate = Regex.Replace(Model, @", ""alias"": \{[^}]*\}", "");

        var withAliases = Planner.Run(new PlanRequest { InputPath = Write(temp, Model) });
        var without = Planner.Run(new PlanRequest { InputPath = Write(temp, separate, "separate.lifetimes.json") });

        Assert.True(withAliases.Succeeded && without.Succeeded);
        Assert.Equal(8704, withAliases.Summary!.Peak);
        // Separately, at step 5 flat, relu, a, b and z are all live: 4096 * 2 + 1024 * 2 + 512.
        Assert.Equal(10752, without.Summary!.Peak);
    }

    [Fact]
    public void The_cache_key_holds_the_aliases_and_a_cached_plan_is_validated_with_them()
    {
        using var temp = new TempDirectory();
        var problem = LifetimesReader.Read(Write(temp, Model)).Problem!;
        var moved = problem with { Buffers = [.. problem.Buffers.Select(b => b.Id == "b" ? b with { Alias = new BufferAlias("cat", 0) } : b)] };
        var dropped = problem with { Buffers = [.. problem.Buffers.Select(b => b.Id == "b" ? b with { Alias = null } : b)] };
        var options = new SolverOptions();

        var keys = new[] { problem, moved, dropped }.Select(p => PlanCache.ComputeKey(p, minimize: true, options, toolVersion: "1.0")).ToList();
        Assert.Equal(3, keys.Distinct().Count());

        var request = new PlanRequest { InputPath = Write(temp, Model), HeaderPath = temp.File("views.h"), CacheDirectory = temp.File("cache") };
        var first = Planner.Run(request);
        var second = Planner.Run(request);
        Assert.True(first.Succeeded && second.Succeeded);
        Assert.True(second.Summary!.CacheHit);
        Assert.Equal(first.Summary!.Peak, second.Summary.Peak);
    }

    [Fact]
    public void A_warm_start_keeps_the_groups_where_they_were()
    {
        using var temp = new TempDirectory();
        var request = new PlanRequest { InputPath = Write(temp, Model), HeaderPath = temp.File("views.h"), PreviousPlanPath = temp.File("previous.json") };
        var first = Planner.Run(request);
        string before = File.ReadAllText(request.HeaderPath!);

        // A new buffer that fits above everything: every group stays where it was.
        File.WriteAllText(request.InputPath, Model.Replace("\"size\": 512 }", "\"size\": 512 },\n    { \"id\": \"late\", \"start\": 8, \"end\": 9, \"size\": 16 }"));
        var second = Planner.Run(request);

        Assert.True(first.Succeeded && second.Succeeded, string.Join("\n", second.Diagnostics));
        Assert.Equal((8, 0), (second.Summary!.PreviousOffsets, second.Summary.MovedOffsets));
        string after = File.ReadAllText(request.HeaderPath!);
        foreach (string id in new[] { "X", "CONV_OUT", "FLAT", "RELU", "A", "B", "CAT", "Z" }) Assert.Equal(Macro(before, id), Macro(after, id));
    }

    [Fact]
    public void An_infeasible_plan_names_groups_by_their_owners()
    {
        using var temp = new TempDirectory();
        var outcome = Planner.Run(new PlanRequest { InputPath = Write(temp, Model.Replace("\"alignment\": 16,", "\"alignment\": 16, \"capacity\": 6000,")) });

        var error = Assert.Single(outcome.Diagnostics, d => d.Code == DiagnosticCodes.Infeasible);
        Assert.Contains("the 8 buffers do not fit in the capacity of 6000 bytes", error.Message);
        Assert.Contains("\"conv.out\" (with its 2 aliases)", error.Message);
        Assert.Contains("the live bytes peak at 8704", error.Message);
    }

    [Fact]
    public void An_infeasibility_found_with_an_alias_group_that_leaves_a_hole_says_it_is_as_planned()
    {
        // "a" lives at bytes 16-48 of "cat" before "cat" is written; "x" and "y" fit below and above it as written
        // (bytes 0-16 and 48-64), but the group is planned as one block over bytes 0-48 then: the message must say so
        // rather than claim that no plan exists. An alias from byte 0 leaves no hole, and no such sentence.
        using var temp = new TempDirectory();
        const string holes = """
            { "version": 1, "name": "holes", "capacity": 64, "buffers": [
              { "id": "cat", "start": 7, "end": 9, "size": 64 },
              { "id": "a", "start": 2, "end": 8, "size": 32, "alias": { "of": "cat", "offset": 16 } },
              { "id": "x", "start": 2, "end": 6, "size": 16 },
              { "id": "y", "start": 2, "end": 6, "size": 16 } ] }
            """;
        var outcome = Planner.Run(new PlanRequest { InputPath = Write(temp, holes) });
        var error = Assert.Single(outcome.Diagnostics, d => d.Code == DiagnosticCodes.Infeasible);
        Assert.Contains("this is as planned, with each alias group as one block", error.Message, StringComparison.Ordinal);

        var exact = Planner.Run(new PlanRequest { InputPath = Write(temp, holes.Replace("\"offset\": 16", "\"offset\": 0", StringComparison.Ordinal).Replace("\"size\": 16 }", "\"size\": 24 }", StringComparison.Ordinal)) });
        var plain = Assert.Single(exact.Diagnostics, d => d.Code == DiagnosticCodes.Infeasible);
        Assert.DoesNotContain("as planned", plain.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_draws_a_group_as_one_shape_with_its_members_outlined()
    {
        using var temp = new TempDirectory();
        var request = new PlanRequest { InputPath = Write(temp, Model), ReportPath = temp.File("views.html") };

        Assert.True(Planner.Run(request).Succeeded);

        var report = ParsedReport.Parse(File.ReadAllText(request.ReportPath!));
        var groups = report.BufferGroups;
        Assert.Equal([0, 1, 6, 7], groups.Keys.Order());
        var cat = groups[6];
        var outlines = cat.Elements(ParsedReport.Svg + "g").Where(g => (string?)g.Attribute("class") == "mo").ToList();
        Assert.Equal(["4", "5", "6"], outlines.Select(o => (string)o.Attribute("data-member")!));
        // The group's fill covers a's and b's slices before cat is produced: its pieces reach back to step 2.
        var fills = cat.Elements(ParsedReport.Svg + "rect").Select(report.Invert).ToList();
        Assert.Contains(fills, f => Math.Abs(f.StepLower - 2) < 0.05 && Math.Abs(f.ByteUpper - f.ByteLower - 1024) < 20);
        Assert.Contains("shares its bytes with 2 aliases: a, b", cat.Element(ParsedReport.Svg + "title")!.Value);
        Assert.Contains("alias of cat from its byte 1024", outlines[1].Element(ParsedReport.Svg + "title")!.Value);
    }

    [GccFact]
    public void The_header_compiles_and_its_checks_catch_an_alias_moved_away_from_its_owner()
    {
        using var temp = new TempDirectory();
        var request = new PlanRequest { InputPath = Write(temp, Model), HeaderPath = temp.File("views.h") };
        Assert.True(Planner.Run(request).Succeeded);
        string header = File.ReadAllText(request.HeaderPath!);
        File.WriteAllText(temp.File("main.c"), "#define VIEWS_DEFINE_BUFFER_TABLE\n#include \"views.h\"\nint main(void) { return views_buffers[5].offset == VIEWS_B_OFFSET ? 0 : 1; }\n");
        CCompiler.Compile(CCompiler.Gcc!, "-std=c99 -Wall -Wextra -Werror -o ok main.c", temp.Path);

        long b = Macro(header, "B");
        File.WriteAllText(request.HeaderPath!, header.Replace($"#define VIEWS_B_OFFSET {b}u", $"#define VIEWS_B_OFFSET {b + 16}u"));
        var (exitCode, output) = CCompiler.Run(CCompiler.Gcc!, "-std=c11 -Wall -Wextra -Werror -o bad main.c", temp.Path);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("VIEWS_B does not lie at its place in VIEWS_CAT", output);
    }
}
