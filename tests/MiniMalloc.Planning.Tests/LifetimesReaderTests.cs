using System.Diagnostics;
using System.Text;

namespace MiniMalloc.Planning.Tests;

public class LifetimesReaderTests
{
    [Fact]
    public void Reads_the_sample_model()
    {
        var result = LifetimesReader.Read(TestSupport.Fixture("kws_cnn.lifetimes.json"));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        var doc = result.Document!;
        Assert.Equal(1, doc.Version);
        Assert.Equal("kws_cnn", doc.Name);
        Assert.Equal(Capacity.Of(262144), doc.Capacity);
        Assert.Equal(Alignment.Of(16), doc.Alignment);
        Assert.Equal(["input", "conv1/out", "scratch", "dma_in"], doc.Buffers.Select(b => b.Id));
        var conv = doc.Buffers[1];
        Assert.Equal((1L, 4L, 16000L, (Alignment?)Alignment.Of(64)), (conv.Start, conv.End, conv.Size, conv.Alignment));
        var scratch = doc.Buffers[2];
        Assert.Equal(2, scratch.Gaps.Count);
        Assert.Null(scratch.Gaps[0].Window);
        Assert.Equal(new Window(0, 512), scratch.Gaps[1].Window);
        Assert.Equal(0, doc.Buffers[3].Offset);
        Assert.Equal(new SourceLocation(8, 13, "$.buffers[1].id"), conv.LocationOf("id"));
        Assert.Equal(64, doc.ContentHash.Length);
    }

    [Fact]
    public void Converts_to_a_problem_with_the_effective_alignment_and_capacity()
    {
        string path = TestSupport.Fixture("kws_cnn.lifetimes.json");
        var read = LifetimesReader.Read(path);

        var problem = read.Problem!;
        Assert.Equal(Capacity.Of(262144), read.Capacity);
        Assert.Equal(262144, problem.Capacity);
        Assert.Equal([16L, 64, 16, 16], problem.Buffers.Select(b => b.Alignment));
        Assert.Equal(new Lifespan(2, 9), problem.Buffers[2].Lifespan);
        Assert.Equal([new Gap(new Lifespan(3, 5)), new Gap(new Lifespan(6, 7), new Window(0, 512))], problem.Buffers[2].Gaps);
        Assert.Equal(0, problem.Buffers[3].Offset);
        Assert.Null(ProblemChecker.FirstError(problem));

        var overridden = LifetimesReader.Read(path, new LifetimesReaderOptions { Capacity = Capacity.Of(50000), Alignment = Alignment.Of(32) });
        Assert.Equal(50000, overridden.Problem!.Capacity);
        Assert.Equal(Capacity.Of(50000), overridden.Capacity);
        Assert.Equal([32L, 64, 32, 32], overridden.Problem.Buffers.Select(b => b.Alignment));

        var tooSmall = LifetimesReader.Read(path, new LifetimesReaderOptions { Capacity = Capacity.Of(10000) });
        Assert.False(tooSmall.Succeeded);
        var error = Assert.Single(tooSmall.Diagnostics);
        Assert.Equal(DiagnosticCodes.BufferExceedsCapacity, error.Code);
        Assert.Equal("$.buffers[1].size", error.JsonPath);
        Assert.Contains("the capacity set for this plan 10000", error.Message);
    }

    [Fact]
    public void Overrides_given_to_the_reader_replace_the_files_values_in_its_checks()
    {
        const string json = """{ "version": 1, "capacity": 100, "buffers": [ { "id": "a", "start": 0, "end": 1, "size": 500 } ] }""";
        Assert.False(TestSupport.Read(json).Succeeded);
        Assert.True(TestSupport.Read(json, new LifetimesReaderOptions { Capacity = Capacity.Of(1000) }).Succeeded);

        const string aligned = """{ "version": 1, "buffers": [ { "id": "a", "start": 0, "end": 1, "size": 5, "offset": 8 } ] }""";
        Assert.True(TestSupport.Read(aligned).Succeeded);
        var misaligned = TestSupport.Read(aligned, new LifetimesReaderOptions { Alignment = Alignment.Of(16) });
        Assert.Equal(DiagnosticCodes.MisalignedOffset, Assert.Single(misaligned.Diagnostics).Code);
    }

    [Fact]
    public void Aliases_are_read_with_their_owner_and_offset_and_take_no_default_alignment()
    {
        var read = LifetimesReader.Read(TestSupport.Fixture("every-property.lifetimes.json"), new LifetimesReaderOptions { Alignment = Alignment.Of(64) });

        var problem = read.Problem!;
        Assert.Equal(new BufferAlias("act2", 1500), problem.Buffers[4].Alias);
        Assert.Equal(new BufferAlias("act2", 0), problem.Buffers[5].Alias);
        // The default (here 64) is the owner's; an alias has what it asks for, else 1: its place follows from its owner's.
        Assert.Equal([4096L, 64, 64, 64, 4, 1], problem.Buffers.Select(b => b.Alignment));
        Assert.Null(ProblemChecker.FirstError(problem, allowAliases: true));
    }

    [Fact]
    public void Alias_errors_that_need_every_buffer_are_all_reported_with_their_positions()
    {
        var (json, _, _) = TestSupport.Mark("""
            { "version": 1, "buffers": [
              { "id": "o", "start": 0, "end": 2, "size": 8 },
              { "id": "v", "start": 1, "end": 3, "size": 8, "alias": { "of": "p" } },
              { "id": "w", "start": 1, "end": 3, "size": 8, "alias": { "of": "o", "offset": 4 } },
              { "id": "u", "start": 1, "end": 3, "size": 8, "offset": 0, "alias": { "of": "o" } }
            ] }§
            """);

        var read = TestSupport.Read(json);

        Assert.Equal(
            [(DiagnosticCodes.UnknownAliasOwner, "$.buffers[1].alias.of", 3), (DiagnosticCodes.AliasOutOfRange, "$.buffers[2].alias.offset", 4), (DiagnosticCodes.AliasPlacement, "$.buffers[3].offset", 5)],
            read.Diagnostics.Select(d => (d.Code, d.JsonPath!, d.Line)));
    }

    [Fact]
    public void Reports_many_errors_at_once_in_file_order()
    {
        var json = """
            {
              "version": 1,
              "buffers": [
                { "id": "a", "start": 3, "end": 1, "size": 1 },
                { "id": "b", "start": 0, "end": 1, "size": 0 },
                { "id": "c", "start": 0, "end": 1, "size": 1, "colour": "red" }
              ]
            }
            """;
        var result = TestSupport.Read(json);

        Assert.Equal([DiagnosticCodes.EmptyLifespan, DiagnosticCodes.InvalidSize, DiagnosticCodes.UnknownProperty], result.Diagnostics.Select(d => d.Code));
        Assert.Equal([4, 5, 6], result.Diagnostics.Select(d => d.Line));
    }

    [Fact]
    public void Unknown_properties_suggest_the_nearest_name()
    {
        var result = TestSupport.Read("""{ "version": 1, "buffers": [ { "id": "a", "start": 0, "end": 1, "Size": 1 } ] }""");
        var unknown = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCodes.UnknownProperty);
        Assert.Contains("did you mean 'size'?", unknown.Message);
    }

    [Fact]
    public void Messages_show_the_offending_value()
    {
        var result = TestSupport.Read("""{ "version": 1, "buffers": [ { "id": "a", "start": "zero", "end": 1, "size": 12.5 } ] }""");
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("the string \"zero\""));
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("12.5"));
    }

    [Fact]
    public void Columns_count_characters_not_bytes_and_skip_a_byte_order_mark()
    {
        // "größe" has 5 characters but 7 UTF-8 bytes; the BOM is 3 bytes and no column at all.
        var (json, line, column) = TestSupport.Mark("{ \"version\": 1, \"name\": \"größe\", §\"bogus\": 1, \"buffers\": [] }");
        byte[] bytes = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(json)];

        var result = LifetimesReader.Read("model.json", bytes);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Equal((1, 34), (error.Line, error.Column));
    }

    [Fact]
    public void Counts_lines_in_files_with_crlf_line_ends()
    {
        var (json, line, column) = TestSupport.Mark("{\r\n  \"version\": 1,\r\n  \"buffers\": [\r\n    { \"id\": \"a\", \"start\": 0, \"end\": 1, \"size\": §0 }\r\n  ]\r\n}\r\n");
        var error = Assert.Single(TestSupport.Read(json).Diagnostics);
        Assert.Equal((4, column), (error.Line, error.Column));
        Assert.Equal(4, line);
    }

    [Fact]
    public void A_misaligned_hint_is_a_warning_and_is_dropped()
    {
        var result = TestSupport.Read("""{ "version": 1, "buffers": [ { "id": "a", "start": 0, "end": 1, "size": 8, "alignment": 8, "hint": 4 } ] }""");

        Assert.True(result.Succeeded);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.UnusableHint, DiagnosticSeverity.Warning), (warning.Code, warning.Severity));
        Assert.Null(result.Problem!.Buffers[0].Hint);
    }

    [Fact]
    public void Another_version_is_reported_alone()
    {
        var result = TestSupport.Read("""{ "version": 3, "buffers": "something new", "tiles": [] }""");
        Assert.Equal(DiagnosticCodes.UnsupportedVersion, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void A_version_2_file_gives_its_pools_masks_and_weights()
    {
        var result = LifetimesReader.Read(TestSupport.Fixture("pools.lifetimes.json"));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var pools = result.Pools!;
        Assert.Equal(["sram", "dram"], pools.Pools.Select(p => p.Name));
        Assert.Equal([0L, 4L], [pools.CostOf(0), pools.CostOf(1)]);
        Assert.Equal([64L, 64L], pools.Pools.Select(p => p.Alignment.Bytes));
        // sram only, both, both (default), both, both (an alias: its owner's pool), dram only.
        Assert.Equal([1UL, 3UL, 3UL, 3UL, 3UL, 2UL], pools.Allowed);
        // Weights default to sizes.
        Assert.Equal([1024L, 8000L, 3000L, 500L, 100L, 256L], pools.Weights);
        Assert.Null(result.Capacity);
        Assert.Equal(0, result.Problem!.Capacity);
    }

    [Fact]
    public void A_version_1_file_is_read_as_before_and_a_version_2_file_without_pools_is_one_arena()
    {
        var one = TestSupport.Read("""{ "version": 1, "capacity": 100, "buffers": [ { "id": "a", "start": 0, "end": 1, "size": 10 } ] }""");
        var two = TestSupport.Read("""{ "version": 2, "capacity": 100, "buffers": [ { "id": "a", "start": 0, "end": 1, "size": 10, "weight": 3 } ] }""");
        Assert.True(one.Succeeded && two.Succeeded);
        Assert.Null(one.Pools);
        Assert.Null(two.Pools);
        Assert.Equal(CsvProblemWriter.Write(one.Problem!), CsvProblemWriter.Write(two.Problem!));
        Assert.Equal(100, two.Capacity!.Value.Bytes);
    }

    [Fact]
    public void A_capacity_set_for_the_plan_is_the_first_pools_and_pools_set_replace_the_files()
    {
        var capacity = LifetimesReader.Read(TestSupport.Fixture("pools.lifetimes.json"), new LifetimesReaderOptions { Capacity = Capacity.Of(16384) });
        Assert.Equal([16384L, 1048576L], capacity.Pools!.Pools.Select(p => p.Capacity.Bytes));

        Assert.True(PoolSpec.TryParse("dram:4096", "x", out var dram, out _));
        Assert.True(PoolSpec.TryParse("sram:2048:64", "x", out var sram, out _));
        var replaced = LifetimesReader.Read(TestSupport.Fixture("pools.lifetimes.json"), new LifetimesReaderOptions { Pools = [dram, sram] });
        Assert.True(replaced.Succeeded, string.Join("\n", replaced.Diagnostics));
        // Names resolve against the pools set, in their order: sram is now pool 1.
        Assert.Equal([2UL, 3UL, 3UL, 3UL, 3UL, 1UL], replaced.Pools!.Allowed);
        Assert.Equal([0L, 1L], [replaced.Pools.CostOf(0), replaced.Pools.CostOf(1)]);
    }

    [Fact]
    public void A_missing_file_is_an_input_error_not_an_exception()
    {
        var result = LifetimesReader.Read(Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid(), "x.json"));
        Assert.Equal(DiagnosticCodes.InputUnreadable, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Rejects_a_file_above_the_size_limit_without_parsing_it()
    {
        using var temp = new TempDirectory();
        string path = temp.File("huge.json");
        using (var stream = File.Create(path)) stream.SetLength(LifetimesLimits.MaxFileBytes + 1);

        var watch = Stopwatch.StartNew();
        var result = LifetimesReader.Read(path);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.FileTooLarge, error.Code);
        Assert.Equal(path, error.File);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Stops_at_the_buffer_count_limit()
    {
        var json = new StringBuilder("{\"version\":1,\"buffers\":[");
        for (int i = 0; i <= LifetimesLimits.MaxBuffers; i++)
        {
            if (i > 0) json.Append(',');
            json.Append("{\"id\":\"b").Append(i).Append("\",\"start\":0,\"end\":1,\"size\":1}");
        }
        json.Append("]}");

        var result = TestSupport.Read(json.ToString());

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.TooManyBuffers, error.Code);
        Assert.Equal($"$.buffers[{LifetimesLimits.MaxBuffers}]", error.JsonPath);
    }

    [Fact]
    public void Rejects_very_deep_nesting_quickly()
    {
        string json = "{\"version\":1,\"buffers\":[],\"deep\":" + new string('[', 1_000_000) + new string(']', 1_000_000) + "}";
        var watch = Stopwatch.StartNew();
        var result = TestSupport.Read(json);

        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.NestingTooDeep);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Stops_after_a_hundred_errors()
    {
        var json = new StringBuilder("{\"version\":1,\"buffers\":[");
        for (int i = 0; i < 500; i++)
        {
            if (i > 0) json.Append(',');
            json.Append("{\"id\":\"b").Append(i).Append("\",\"start\":0,\"end\":1,\"size\":0}");
        }
        json.Append("]}");
        Assert.Equal(100, TestSupport.Read(json.ToString()).Diagnostics.Count);
    }

    [Fact]
    public void Invalid_utf8_is_a_coded_error()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("{\"version\":1,\"buffers\":[{\"id\":\"a"), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("\",\"start\":0,\"end\":1,\"size\":1}]}")];
        var result = LifetimesReader.Read("model.json", bytes);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics);
        Assert.Contains(error.Code, new[] { DiagnosticCodes.MalformedJson, DiagnosticCodes.InvalidId });
        Assert.Equal(1, error.Line);
    }
}
