namespace MiniMalloc.Tests.Property;

/// <summary>
/// Random alias groups added to a small problem: views (offset 0, the owner's size, from a step of the owner's
/// life on), outputs written in place (from the owner's last step on), slices of a concatenation (a part of the
/// owner, produced before it and dying at its first step), and aliases anywhere in the owner at any time. Chains
/// arise when an alias is picked as an owner. Every problem is a function of its seed alone.
/// </summary>
internal static class AliasProblemGenerator
{
    /// <summary>What kinds of alias to add: views and in-place outputs only (the groups the folding plans exactly), or all kinds.</summary>
    public enum Kinds
    {
        ViewsAndInPlace,
        All,
    }

    /// <summary><paramref name="problem"/> with one to <paramref name="most"/> aliases added (hints and fixed offsets of owners kept).</summary>
    public static Problem AddAliases(Problem problem, int seed, Kinds kinds, int most = 4)
    {
        var random = new Random(seed);
        var buffers = problem.Buffers.ToList();
        if (buffers.Count == 0) return problem;
        int count = random.Next(1, most + 1);
        for (int a = 0; a < count; a++)
        {
            var owner = buffers[random.Next(buffers.Count)];
            int kind = kinds == Kinds.All ? random.Next(4) : random.Next(2);
            long lower = owner.Lifespan.Lower, upper = owner.Lifespan.Upper, size = owner.Size, offset = 0;
            long start, end;
            switch (kind)
            {
                case 0: // a view: from a step of the owner's life to a few steps later
                    start = random.NextInt64(lower, upper);
                    end = start + random.Next(1, 5);
                    break;
                case 1: // written in place at the owner's last step
                    start = upper - 1;
                    end = start + random.Next(1, 5);
                    break;
                case 2: // a slice produced before the owner and consumed at its first step
                    size = random.NextInt64(1, owner.Size + 1);
                    offset = random.NextInt64(0, owner.Size - size + 1);
                    start = Math.Max(0, lower - random.Next(0, 5));
                    end = lower + 1;
                    break;
                default: // anywhere in the owner, at any time
                    size = random.NextInt64(1, owner.Size + 1);
                    offset = random.NextInt64(0, owner.Size - size + 1);
                    start = random.Next(0, 12);
                    end = start + random.Next(1, 6);
                    break;
            }
            buffers.Add(new Buffer($"a{a}", start, end, size) { Alias = new BufferAlias(owner.Id, offset) });
        }
        return problem with { Buffers = buffers };
    }
}
