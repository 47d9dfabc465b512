using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MiniMalloc.Build.Tasks;
using MiniMalloc.Build.Tests.Infrastructure;
using MiniMalloc.Planning;
using MiniMalloc.Planning.Tests;

namespace MiniMalloc.Build.Tests.TaskTests;

/// <summary>The task on a recording build engine: mapping, precedence, logging with codes and positions.</summary>
public sealed class PlanMemoryLayoutTests : IDisposable
{
    private readonly TaskRunner _run = new();
    private static string Model(long? capacity = 262144) => LifetimesModels.Json(LifetimesModels.KeywordSpotter, capacity: capacity);

    public void Dispose() => _run.Dispose();

    [Fact]
    public void Plans_a_model_writes_the_header_outputs_it_and_logs_one_summary_line()
    {
        var input = _run.WriteModel(Model());
        var task = _run.Task(_run.Item(input));

        Assert.True(task.Execute(), _run.Engine.Describe());

        Assert.True(File.Exists(_run.Header()));
        Assert.Contains("KWS_CNN_ARENA_SIZE", File.ReadAllText(_run.Header()));
        var output = Assert.Single(task.PlannedHeaders);
        Assert.Equal(_run.Header(), output.ItemSpec);
        Assert.Equal(input, output.GetMetadata("Source"));
        Assert.Equal(LifetimesModels.KeywordSpotter.Count.ToString(), output.GetMetadata("BufferCount"));
        Assert.Equal("true", output.GetMetadata("HeaderWritten"));
        Assert.Equal(_run.Header(), output.GetMetadata("HeaderFile")); // the input item's metadata travels along
        Assert.Empty(_run.Engine.Errors);
        Assert.Empty(_run.Engine.Warnings);
        var summary = Assert.Single(_run.Engine.Messages, m => m.Importance == MessageImportance.Normal);
        Assert.Contains(LifetimesModels.KeywordSpotter.Count.ToString(), summary.Message);
    }

    [Fact]
    public void Invalid_json_is_an_error_with_code_file_line_column_and_help_link_and_the_old_header_stays()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_run.Header())!);
        File.WriteAllText(_run.Header(), "/* previous header */\n");
        var input = _run.WriteModel("{\n  \"version\": 1,\n  \"buffers\": [\n    { \"id\": \"a\", \"start\": 0, \"end\": 2, \"size\": }\n  ]\n}\n");

        var task = _run.Task(_run.Item(input));

        Assert.False(task.Execute());
        var error = Assert.Single(_run.Engine.Errors);
        Assert.Matches(@"^MMB2\d{3}$", error.Code);
        Assert.Equal(input, error.File);
        Assert.Equal(4, error.Line);
        Assert.True(error.Column > 0, _run.Engine.Describe());
        Assert.Equal(DiagnosticCodes.HelpLink(error.Code!), error.HelpLink);
        Assert.Equal("/* previous header */\n", File.ReadAllText(_run.Header()));
        Assert.Empty(task.PlannedHeaders);
    }

    [Fact]
    public void A_semantic_error_is_logged_against_the_value_in_the_file()
    {
        var input = _run.WriteModel("{\n  \"version\": 1,\n  \"buffers\": [\n    { \"id\": \"a\", \"start\": 5, \"end\": 2, \"size\": 16 }\n  ]\n}\n");

        Assert.False(_run.Task(_run.Item(input)).Execute());

        var error = Assert.Single(_run.Engine.Errors);
        Assert.Equal(DiagnosticCodes.EmptyLifespan, error.Code);
        Assert.Equal(input, error.File);
        Assert.Equal(4, error.Line);
        Assert.Contains("$.buffers[0]", error.Message);
        Assert.False(File.Exists(_run.Header()));
    }

    [Fact]
    public void Metadata_wins_over_the_property_which_wins_over_the_file()
    {
        var input = _run.WriteModel(Model(capacity: 262144));

        var fromFile = _run.Task(_run.Item(input, _run.Header("file.h")));
        Assert.True(fromFile.Execute(), _run.Engine.Describe());
        var fromProperty = _run.Task(_run.Item(input, _run.Header("property.h")));
        fromProperty.Capacity = "131072";
        Assert.True(fromProperty.Execute(), _run.Engine.Describe());
        var fromMetadata = _run.Task(_run.Item(input, _run.Header("metadata.h"), ("Capacity", "65536"), ("SymbolPrefix", "npu")));
        fromMetadata.Capacity = "131072";
        Assert.True(fromMetadata.Execute(), _run.Engine.Describe());

        Assert.Equal(262144, Macro(_run.Header("file.h"), "KWS_CNN_ARENA_CAPACITY"));
        Assert.Equal(131072, Macro(_run.Header("property.h"), "KWS_CNN_ARENA_CAPACITY"));
        Assert.Equal(65536, Macro(_run.Header("metadata.h"), "NPU_ARENA_CAPACITY"));
    }

    [Fact]
    public void Bad_property_is_reported_once_naming_the_property_even_with_several_plans()
    {
        var a = _run.WriteModel(Model(), "a.json");
        var b = _run.WriteModel(Model(), "b.json");
        var task = _run.Task(_run.Item(a, _run.Header("a.h")), _run.Item(b, _run.Header("b.h")));
        task.Alignment = "3";

        Assert.False(task.Execute());

        var error = Assert.Single(_run.Engine.Errors);
        Assert.Equal(DiagnosticCodes.InvalidAlignmentSetting, error.Code);
        Assert.Contains("MiniMallocAlignment property", error.Message);
        Assert.Contains("'3'", error.Message);
        Assert.False(File.Exists(_run.Header("a.h")));
    }

    [Theory]
    [InlineData("Capacity", "lots", DiagnosticCodes.InvalidCapacitySetting)]
    [InlineData("Alignment", "12", DiagnosticCodes.InvalidAlignmentSetting)]
    [InlineData("MinimizeCapacity", "yes", BuildDiagnosticCodes.InvalidBooleanSetting)]
    [InlineData("Timeout", "-5", DiagnosticCodes.InvalidTimeout)]
    [InlineData("MinimizeNodes", "1e6", DiagnosticCodes.InvalidNodeBudget)]
    [InlineData("SearchNodes", "many", DiagnosticCodes.InvalidNodeBudget)]
    public void Bad_metadata_is_a_coded_error_naming_the_item_and_value(string name, string value, string code)
    {
        var input = _run.WriteModel(Model());

        Assert.False(_run.Task(_run.Item(input, null, (name, value))).Execute());

        var error = Assert.Single(_run.Engine.Errors);
        Assert.Equal(code, error.Code);
        Assert.Contains($"{name} metadata of MiniMallocPlan '{input}'", error.Message);
        Assert.Contains($"'{value}'", error.Message);
        Assert.Equal(DiagnosticCodes.HelpLink(code), error.HelpLink);
        Assert.False(File.Exists(_run.Header()));
    }

    [Fact]
    public void The_minimizers_node_budget_comes_from_the_property_and_metadata_wins()
    {
        string input = _run.Folder.Write("puzzle.csv", PerfectPacking.Csv());

        var fromProperty = _run.Task(_run.Item(input, _run.Header("property.h"), ("MinimizeCapacity", "true")));
        fromProperty.MinimizeNodes = "0";
        Assert.True(fromProperty.Execute(), _run.Engine.Describe());
        var warning = Assert.Single(_run.Engine.Events, e => e.Kind == "warning");
        Assert.Equal(DiagnosticCodes.NotProvenMinimal, warning.Code);
        Assert.Contains("0 search nodes", warning.Message, StringComparison.Ordinal);
        Assert.True(long.Parse(Assert.Single(fromProperty.PlannedHeaders).GetMetadata("ArenaSize"), CultureInfo.InvariantCulture) > PerfectPacking.Height);

        var fromMetadata = _run.Task(_run.Item(input, _run.Header("metadata.h"), ("MinimizeCapacity", "true"), ("MinimizeNodes", "100000")));
        fromMetadata.MinimizeNodes = "0";
        Assert.True(fromMetadata.Execute(), _run.Engine.Describe());
        Assert.DoesNotContain(_run.Engine.Events, e => e.Kind == "warning");
        Assert.Equal(PerfectPacking.Height, long.Parse(Assert.Single(fromMetadata.PlannedHeaders).GetMetadata("ArenaSize"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Braces_in_values_reach_the_log_unformatted()
    {
        var input = _run.WriteModel(Model());

        Assert.False(_run.Task(_run.Item(input, null, ("Capacity", "{0}{1}"))).Execute());

        Assert.Contains("'{0}{1}'", Assert.Single(_run.Engine.Errors).Message);
    }

    [Fact]
    public void An_item_without_HeaderFile_is_a_coded_error()
    {
        var input = _run.WriteModel(Model());
        var item = new Microsoft.Build.Utilities.TaskItem(input);

        Assert.False(_run.Task(item).Execute());

        Assert.Equal(DiagnosticCodes.MissingPath, Assert.Single(_run.Engine.Errors).Code);
    }

    [Fact]
    public void Two_plans_writing_one_header_are_rejected_before_anything_is_written()
    {
        var a = _run.WriteModel(Model(), "a.json");
        var b = _run.WriteModel(Model(), "b.json");

        Assert.False(_run.Task(_run.Item(a), _run.Item(b)).Execute());

        var error = Assert.Single(_run.Engine.Errors);
        Assert.Equal(BuildDiagnosticCodes.DuplicateHeaderPath, error.Code);
        Assert.Contains("'" + a + "'", error.Message);
        Assert.Contains("'" + b + "'", error.Message);
        Assert.False(File.Exists(_run.Header()));
    }

    [Fact]
    public void Too_small_a_capacity_fails_with_the_infeasibility_explanation_against_the_file()
    {
        var input = _run.WriteModel(Model(capacity: 20000));

        Assert.False(_run.Task(_run.Item(input)).Execute());

        var error = Assert.Single(_run.Engine.Errors, e => e.Code == DiagnosticCodes.Infeasible);
        Assert.Equal(input, error.File);
        Assert.Contains("conv1/out", error.Message); // 16000 + 4000 + 2048 + 1024 live at step 1 > 20000
        Assert.Matches(@"step \d+", error.Message);
        Assert.False(File.Exists(_run.Header()));
    }

    [Fact]
    public void Question_mode_reports_the_header_it_would_write_and_writes_nothing()
    {
        var input = _run.WriteModel(Model());
        var task = _run.Task(_run.Item(input));
        task.FailIfNotIncremental = true;

        Assert.False(task.Execute());

        Assert.Equal(DiagnosticCodes.HeaderOutOfDate, Assert.Single(_run.Engine.Errors).Code);
        Assert.False(File.Exists(_run.Header()));
    }

    [Fact]
    public void Question_mode_passes_when_the_header_is_up_to_date()
    {
        var input = _run.WriteModel(Model());
        Assert.True(_run.Task(_run.Item(input)).Execute(), _run.Engine.Describe());
        var task = _run.Task(_run.Item(input));
        task.FailIfNotIncremental = true;

        Assert.True(task.Execute(), _run.Engine.Describe());
        Assert.Equal("false", Assert.Single(task.PlannedHeaders).GetMetadata("HeaderWritten"));
    }

    [Fact]
    public void A_cancelled_task_fails_with_the_cancelled_code_and_writes_nothing()
    {
        var input = _run.WriteModel(Model());
        var task = _run.Task(_run.Item(input));
        task.Cancel();

        Assert.False(task.Execute());

        Assert.Contains(_run.Engine.Errors, e => e.Code == DiagnosticCodes.Cancelled);
        Assert.False(File.Exists(_run.Header()));
    }

    [Fact]
    public void The_cache_directory_property_makes_a_second_plan_a_cache_hit()
    {
        var input = _run.WriteModel(Model());
        var cache = _run.Folder.Combine("cache");
        var first = _run.Task(_run.Item(input, _run.Header("first.h")));
        first.CacheDirectory = cache;
        Assert.True(first.Execute(), _run.Engine.Describe());

        var second = _run.Task(_run.Item(input, _run.Header("second.h")));
        second.CacheDirectory = cache;
        Assert.True(second.Execute(), _run.Engine.Describe());

        Assert.Equal("false", Assert.Single(first.PlannedHeaders).GetMetadata("CacheHit"));
        Assert.Equal("true", Assert.Single(second.PlannedHeaders).GetMetadata("CacheHit"));
        Assert.Equal(File.ReadAllText(_run.Header("first.h")), File.ReadAllText(_run.Header("second.h")));
    }

    private static long Macro(string header, string name)
    {
        var match = Regex.Match(File.ReadAllText(header), $@"#define\s+{name}\s+\(?(\d+)");
        Assert.True(match.Success, $"{name} not found in {header}:\n{File.ReadAllText(header)}");
        return long.Parse(match.Groups[1].Value);
    }

    [Theory]
    [InlineData("fast ram", "65536", "", DiagnosticCodes.InvalidPoolSetting)]
    [InlineData("sram:x", "65536", "", DiagnosticCodes.InvalidPoolSetting)]
    [InlineData("sram", "0", "", DiagnosticCodes.InvalidPoolSetting)]
    [InlineData("sram", "65536", "1000", DiagnosticCodes.InvalidPoolSetting)]
    [InlineData("dram", "65536", "", DiagnosticCodes.DuplicatePoolSetting)]
    public void A_hostile_pool_item_is_one_coded_error_and_nothing_is_written(string name, string capacity, string cost, string code)
    {
        var input = _run.WriteModel(LifetimesModels.PoolJson(LifetimesModels.KeywordSpotter));
        var task = _run.Task(_run.Item(input));
        static TaskItem Pool(string name, string capacity, string cost)
        {
            var item = new TaskItem(name);
            item.SetMetadata("Capacity", capacity);
            item.SetMetadata("Cost", cost);
            return item;
        }
        task.Pools = [Pool(name, capacity, cost), Pool("dram", "1048576", "")];

        Assert.False(task.Execute());
        Assert.Equal(code, Assert.Single(_run.Engine.Errors).Code);
        Assert.False(File.Exists(_run.Header()));
    }

    [Fact]
    public void A_capacity_of_0_for_a_pool_file_is_refused_as_the_first_pools()
    {
        // One arena takes a capacity of 0 (nothing fits, as in the reference); a pool holds at least one byte.
        var input = _run.WriteModel(LifetimesModels.PoolJson(LifetimesModels.KeywordSpotter));
        Assert.False(_run.Task(_run.Item(input, null, ("Capacity", "0"))).Execute());
        var error = Assert.Single(_run.Engine.Errors);
        Assert.Equal(DiagnosticCodes.InvalidCapacitySetting, error.Code);
        Assert.Equal(input, error.File);
        Assert.False(File.Exists(_run.Header()));
    }
}
