namespace MiniMalloc.Tests.Aliasing;

public class AliasGroupsTests
{
    private static Buffer B(string id, long lower, long upper, long size, string? of = null, long at = 0) =>
        new(id, lower, upper, size) { Alias = of is null ? null : new BufferAlias(of, at) };

    [Fact]
    public void Chains_resolve_to_their_root_with_offsets_added_up()
    {
        var groups = AliasGroups.Resolve([B("c", 4, 8, 64), B("s", 0, 5, 32, "c", 16), B("v", 1, 6, 8, "s", 8), B("x", 0, 2, 4)]);

        Assert.Empty(groups.Errors);
        Assert.Equal([0, 3], groups.Roots);
        Assert.Equal([0, 0, 0, 3], Enumerable.Range(0, 4).Select(groups.RootOf));
        Assert.Equal([0L, 16, 24, 0], Enumerable.Range(0, 4).Select(groups.OffsetInRoot));
        Assert.Equal([0, 1, 2], groups.MembersOf(0));
        Assert.Equal(1, groups.OwnerOf(2));
        Assert.True(groups.SameGroup(1, 2));
        Assert.False(groups.SameGroup(2, 3));
    }

    [Theory]
    [InlineData("unknown owner", AliasErrorKind.UnknownOwner, 1)]
    [InlineData("self", AliasErrorKind.Cycle, 1)]
    [InlineData("cycle", AliasErrorKind.Cycle, 1)]
    [InlineData("beyond", AliasErrorKind.OutOfRange, 1)]
    [InlineData("fixed", AliasErrorKind.OwnPlacement, 1)]
    [InlineData("hint", AliasErrorKind.OwnPlacement, 1)]
    [InlineData("alignment", AliasErrorKind.Alignment, 1)]
    [InlineData("misaligned in the owner", AliasErrorKind.Alignment, 1)]
    public void Each_fault_is_reported_once_at_the_alias(string name, AliasErrorKind kind, int index)
    {
        Buffer[] buffers = name switch
        {
            "unknown owner" => [B("o", 0, 2, 8), B("v", 1, 3, 8, "p")],
            "self" => [B("o", 0, 2, 8), B("v", 1, 3, 8, "v")],
            "cycle" => [B("o", 0, 2, 8), B("a", 1, 3, 8, "b"), B("b", 1, 3, 8, "c"), B("c", 1, 3, 8, "a"), B("d", 1, 3, 8, "a")],
            "beyond" => [B("o", 0, 2, 8), B("v", 1, 3, 4, "o", 5)],
            "fixed" => [B("o", 0, 2, 8), B("v", 1, 3, 8, "o") with { Offset = 0 }],
            "hint" => [B("o", 0, 2, 8), B("v", 1, 3, 8, "o") with { Hint = 0 }],
            "alignment" => [B("o", 0, 2, 64) with { Alignment = 16 }, B("v", 1, 3, 64, "o") with { Alignment = 32 }],
            _ => [B("o", 0, 2, 64) with { Alignment = 16 }, B("v", 1, 3, 32, "o", 8) with { Alignment = 16 }],
        };

        var groups = AliasGroups.Resolve(buffers);

        var error = Assert.Single(groups.Errors);
        Assert.Equal(kind, error.Kind);
        Assert.Equal(index, error.BufferIndex);
        Assert.Equal(-1, groups.RootOf(index));
        Assert.Contains($"'{buffers[index].Id}'", error.Message);
    }

    [Fact]
    public void A_cycle_is_named_in_order_from_its_first_buffer()
    {
        var groups = AliasGroups.Resolve([B("x", 0, 2, 8, "z"), B("y", 0, 2, 8, "x"), B("z", 0, 2, 8, "y")]);

        Assert.Equal("buffers 'x' -> 'z' -> 'y' -> 'x' are aliases of one another in a cycle: one of them must own the bytes", Assert.Single(groups.Errors).Message);
        Assert.Empty(groups.Roots);
    }

    [Fact]
    public void Long_chains_resolve_without_recursion()
    {
        var buffers = new List<Buffer> { B("b0", 0, 2, 8) };
        for (int i = 1; i < 100_000; i++) buffers.Add(B($"b{i}", 0, 2, 8, $"b{i - 1}"));

        var groups = AliasGroups.Resolve(buffers);

        Assert.Empty(groups.Errors);
        Assert.Equal(0, groups.RootOf(99_999));
        Assert.Equal(100_000, groups.MembersOf(0).Count);
    }

    [Fact]
    public void The_checker_accepts_aliases_only_when_asked_and_names_the_first_fault()
    {
        var problem = new Problem([B("o", 0, 2, 8), B("v", 1, 3, 8, "o")], 16);

        Assert.Null(ProblemChecker.FirstError(problem, allowAliases: true));
        Assert.Contains("fold the problem with AliasFolding.Fold", ProblemChecker.FirstError(problem));
        Assert.Throws<ArgumentException>(() => new Solver().Solve(problem));
        Assert.Contains("no buffer of this problem", ProblemChecker.FirstError(problem with { Buffers = [B("o", 0, 2, 8), B("v", 1, 3, 8, "q")] }, allowAliases: true));
    }
}
