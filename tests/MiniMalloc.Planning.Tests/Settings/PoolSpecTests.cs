namespace MiniMalloc.Planning.Tests.Settings;

public class PoolSpecTests
{
    [Theory]
    [InlineData("sram:65536", "sram", 65536L, 1L, null)]
    [InlineData("sram:65536:64", "sram", 65536L, 64L, null)]
    [InlineData("dram:16777216:64:3", "dram", 16777216L, 64L, 3L)]
    [InlineData(" tcm : 1024 ", "tcm", 1024L, 1L, null)]
    public void Parses_name_capacity_alignment_and_cost(string text, string name, long capacity, long alignment, long? cost)
    {
        Assert.True(PoolSpec.TryParse(text, "--pool option", out var pool, out _));
        Assert.Equal(name, pool.Name);
        Assert.Equal(capacity, pool.Capacity.Bytes);
        Assert.Equal(alignment, pool.Alignment.Bytes);
        Assert.Equal(cost, pool.Cost);
    }

    [Fact]
    public void The_cost_defaults_to_the_position()
    {
        Assert.True(PoolSpec.TryParse("dram:4096", "--pool option", out var pool, out _));
        Assert.Equal(0, pool.CostAt(0));
        Assert.Equal(2, pool.CostAt(2));
        Assert.True(PoolSpec.TryParse("dram:4096:1:7", "--pool option", out var costly, out _));
        Assert.Equal(7, costly.CostAt(0));
    }

    [Theory]
    [InlineData("sram", "NAME:CAPACITY")]
    [InlineData("sram:1:2:3:4", "NAME:CAPACITY")]
    [InlineData(":1024", "unusable name")]
    [InlineData("--:1024", "unusable name")]
    [InlineData("s;ram:1024", "unusable name")]
    [InlineData("s\tram:1024", "unusable name")]
    [InlineData("sram:0", "the capacity '0'")]
    [InlineData("sram:1k", "the capacity '1k'")]
    [InlineData("sram:9007199254740993", "the capacity")]
    [InlineData("sram:1024:48", "the alignment '48'")]
    [InlineData("sram:1024:64:-1", "the cost '-1'")]
    [InlineData("sram:1024:64:257", "the cost '257'")]
    public void Rejects_bad_pools_with_one_code_naming_the_part(string text, string named)
    {
        Assert.False(PoolSpec.TryParse(text, "--pool option", out var pool, out var error));
        Assert.Null(pool);
        Assert.Equal(DiagnosticCodes.InvalidPoolSetting, error.Code);
        Assert.Contains("--pool option", error.Message, StringComparison.Ordinal);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fast ram")]
    [InlineData("sram:1")]
    public void An_item_name_that_could_not_be_written_as_text_is_refused(string name)
    {
        // An MSBuild item's identity may hold what --pool, the Pools metadata and the CSV pools column cannot.
        Assert.False(PoolSpec.TryCreate(name, "1024", null, null, "MiniMallocPool item", out _, out var error));
        Assert.Equal(DiagnosticCodes.InvalidPoolSetting, error.Code);
        Assert.Contains("unusable name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_with_a_name_twice_is_refused()
    {
        var pools = new[] { "a:1", "b:2", "a:3" }.Select(t => PoolSpec.TryParse(t, "--pool option", out var p, out _) ? p : null).OfType<PoolSpec>().ToList();
        var error = PoolSpec.CheckList(pools, "--pool options");
        Assert.NotNull(error);
        Assert.Equal(DiagnosticCodes.DuplicatePoolSetting, error.Code);
        Assert.Null(PoolSpec.CheckList(pools.Take(2).ToList(), "--pool options"));
    }

    [Fact]
    public void ToString_reads_back_as_the_same_pool()
    {
        foreach (string text in new[] { "sram:65536:64", "dram:1024:1:5" })
        {
            Assert.True(PoolSpec.TryParse(text, "x", out var pool, out _));
            Assert.True(PoolSpec.TryParse(pool.ToString(), "x", out var again, out _));
            Assert.Equal(pool, again);
        }
    }
}
