namespace MiniMalloc.Planning.Tests.Settings;

public class NodeBudgetTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1", 1L)]
    [InlineData(" 5000000 ", 5_000_000L)]
    [InlineData("9007199254740992", 9007199254740992L)] // 2^53
    public void Parses_digits_into_search_nodes(string text, long nodes)
    {
        Assert.True(NodeBudget.TryParse(text, "--node-budget option", out var budget, out _));
        Assert.Equal(nodes, budget.Nodes);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData("1e6")]
    [InlineData("500k")]
    [InlineData("1,000")]
    [InlineData("lots")]
    [InlineData("")]
    [InlineData("9007199254740993")]
    public void Rejects_everything_else_with_one_coded_message(string text)
    {
        Assert.False(NodeBudget.TryParse(text, "MiniMallocMinimizeNodes property", out _, out var error));
        Assert.Equal(DiagnosticCodes.InvalidNodeBudget, error.Code);
        Assert.Equal($"The MiniMallocMinimizeNodes property is '{text}'; expected a whole number of search nodes in [0, 2^53].", error.Message);
        Assert.Null(error.File);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(9007199254740993)]
    public void Cannot_be_made_out_of_range(long nodes) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NodeBudget.Of(nodes));
}
