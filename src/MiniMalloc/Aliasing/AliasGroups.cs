using System.Diagnostics;

namespace MiniMalloc;

/// <summary>
/// The alias groups of a list of buffers: every buffer that is no alias is the root of a group, and every alias
/// belongs to the group of the buffer at the end of its chain of owners, at a fixed offset inside it. Resolving
/// never throws: faults are <see cref="Errors"/>, and a buffer whose alias is at fault (or leads into a fault) is
/// left out of every group.
/// </summary>
public sealed class AliasGroups
{
    private readonly int[] _owner;
    private readonly int[] _root;
    private readonly long[] _offsetInRoot;
    private readonly int[] _roots;
    private readonly Dictionary<int, List<int>> _members;

    private AliasGroups(int[] owner, int[] root, long[] offsetInRoot, List<AliasError> errors)
    {
        _owner = owner;
        _root = root;
        _offsetInRoot = offsetInRoot;
        Errors = errors;
        HasAliases = owner.Any(o => o >= 0) || errors.Count > 0;
        var roots = new List<int>();
        // Member lists only for groups with aliases: a problem without any (the usual case) allocates none.
        _members = new Dictionary<int, List<int>>();
        for (int i = 0; i < root.Length; i++)
        {
            if (root[i] < 0) continue;
            if (root[i] == i) roots.Add(i);
            else if (_members.TryGetValue(root[i], out var list)) list.Add(i);
            else _members[root[i]] = [root[i], i];
        }
        foreach (var list in _members.Values) list.Sort();
        _roots = [.. roots];
    }

    /// <summary>True when some buffer is an alias (or names an owner that is at fault).</summary>
    public bool HasAliases { get; }

    /// <summary>The faults found, in buffer order; empty when every alias is well formed.</summary>
    public IReadOnlyList<AliasError> Errors { get; }

    /// <summary>The buffers that are no alias (the groups' roots), in buffer order; buffers at fault are left out.</summary>
    public IReadOnlyList<int> Roots => _roots;

    /// <summary>The index of buffer <paramref name="index"/>'s direct owner, or -1 when it is no alias (or its owner is unknown).</summary>
    public int OwnerOf(int index) => _owner[index];

    /// <summary>The root of the group of buffer <paramref name="index"/> (itself when it is no alias), or -1 when its alias is at fault.</summary>
    public int RootOf(int index) => _root[index];

    /// <summary>Where buffer <paramref name="index"/>'s bytes begin inside its root's (0 for a root).</summary>
    public long OffsetInRoot(int index) => _offsetInRoot[index];

    /// <summary>The members of the group whose root is <paramref name="root"/> (the root among them), in buffer order.</summary>
    public IReadOnlyList<int> MembersOf(int root)
    {
        if (_members.TryGetValue(root, out var members)) return members;
        if (root < 0 || root >= _root.Length || _root[root] != root) throw new ArgumentException($"buffer {root} is not the root of a group", nameof(root));
        return [root];
    }

    /// <summary>True when buffer <paramref name="root"/> is the root of a group with at least one alias.</summary>
    public bool HasMembers(int root) => _members.ContainsKey(root);

    /// <summary>True when buffers <paramref name="a"/> and <paramref name="b"/> belong to one group (and so may share bytes).</summary>
    public bool SameGroup(int a, int b) => _root[a] >= 0 && _root[a] == _root[b];

    /// <summary>Resolves the aliases of <paramref name="buffers"/>; ids are matched exactly (the first buffer of an id wins).</summary>
    public static AliasGroups Resolve(IReadOnlyList<Buffer> buffers)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        int n = buffers.Count;
        var owner = new int[n];
        var root = new int[n];
        var offsetInRoot = new long[n];
        var errors = new List<AliasError>();
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++) byId.TryAdd(buffers[i].Id ?? string.Empty, i);

        // What each alias says on its own: an owner that exists, bytes inside it, no placement of its own.
        var usable = new bool[n];
        for (int i = 0; i < n; i++)
        {
            owner[i] = -1;
            usable[i] = true;
            var b = buffers[i];
            if (b.Alias is not { } alias) continue;
            if (!byId.TryGetValue(alias.Owner ?? string.Empty, out int o))
            {
                errors.Add(new(i, AliasErrorKind.UnknownOwner, $"buffer '{b.Id}' is an alias of '{alias.Owner}', which is no buffer of this problem"));
                usable[i] = false;
                continue;
            }
            owner[i] = o;
            if (o == i)
            {
                errors.Add(new(i, AliasErrorKind.Cycle, $"buffer '{b.Id}' is an alias of itself"));
                usable[i] = false;
                continue;
            }
            var ownerBuffer = buffers[o];
            if (alias.Offset < 0 || alias.Offset > ownerBuffer.Size - b.Size)
            {
                errors.Add(new(i, AliasErrorKind.OutOfRange, FormattableString.Invariant(
                    $"buffer '{b.Id}' ({b.Size} bytes) at byte {alias.Offset} of '{ownerBuffer.Id}' does not lie within its owner's {ownerBuffer.Size} bytes")));
                usable[i] = false;
            }
            if (b.Offset is not null || b.Hint is not null)
            {
                string what = b.Offset is not null ? FormattableString.Invariant($"a fixed offset ({b.Offset})") : FormattableString.Invariant($"a hint ({b.Hint})");
                errors.Add(new(i, AliasErrorKind.OwnPlacement,
                    $"buffer '{b.Id}' is an alias of '{ownerBuffer.Id}' and has {what} of its own: an alias goes where its owner goes (place the owner instead)"));
                usable[i] = false;
            }
        }

        FindCycles(buffers, owner, usable, errors);
        ResolveRoots(buffers, owner, usable, root, offsetInRoot);
        CheckAlignments(buffers, root, offsetInRoot, errors);
        errors.Sort((x, y) => x.BufferIndex.CompareTo(y.BufferIndex));
        return new AliasGroups(owner, root, offsetInRoot, errors);
    }

    // Each cycle is reported once, at its first buffer; its buffers (and whatever leads into it) join no group.
    private static void FindCycles(IReadOnlyList<Buffer> buffers, int[] owner, bool[] usable, List<AliasError> errors)
    {
        int n = owner.Length;
        var state = new byte[n]; // 0 unvisited, 1 on the current chain, 2 done
        var chain = new List<int>();
        for (int start = 0; start < n; start++)
        {
            if (state[start] != 0) continue;
            chain.Clear();
            int i = start;
            while (i >= 0 && state[i] == 0 && usable[i])
            {
                state[i] = 1;
                chain.Add(i);
                i = owner[i];
            }
            if (i >= 0 && state[i] == 1 && usable[i])
            {
                var cycle = chain.Skip(chain.IndexOf(i)).ToList();
                int first = cycle.Min();
                int at = cycle.IndexOf(first);
                var ordered = cycle.Skip(at).Concat(cycle.Take(at)).Append(first).Select(c => $"'{buffers[c].Id}'");
                errors.Add(new(first, AliasErrorKind.Cycle, $"buffers {string.Join(" -> ", ordered)} are aliases of one another in a cycle: one of them must own the bytes"));
                foreach (int c in cycle) usable[c] = false;
            }
            foreach (int c in chain) state[c] = 2;
        }
    }

    // Memoized walk up the chains: a buffer's root and offset follow from its owner's.
    private static void ResolveRoots(IReadOnlyList<Buffer> buffers, int[] owner, bool[] usable, int[] root, long[] offsetInRoot)
    {
        int n = owner.Length;
        const int Unknown = -2;
        Array.Fill(root, Unknown);
        var chain = new List<int>();
        for (int start = 0; start < n; start++)
        {
            chain.Clear();
            int i = start;
            while (root[i] == Unknown)
            {
                if (!usable[i])
                {
                    root[i] = -1;
                    break;
                }
                if (owner[i] < 0)
                {
                    root[i] = i;
                    offsetInRoot[i] = 0;
                    break;
                }
                chain.Add(i);
                i = owner[i];
            }
            for (int k = chain.Count - 1; k >= 0; k--)
            {
                int c = chain[k];
                int o = owner[c];
                Debug.Assert(root[o] != Unknown, "the owner is resolved before its aliases");
                root[c] = root[o];
                offsetInRoot[c] = root[o] < 0 ? 0 : offsetInRoot[o] + buffers[c].Alias!.Value.Offset;
            }
        }
    }

    // Placing the group at a multiple of its root's alignment must align every member: a member's alignment
    // divides both the root's alignment and the member's offset in the root.
    private static void CheckAlignments(IReadOnlyList<Buffer> buffers, int[] root, long[] offsetInRoot, List<AliasError> errors)
    {
        for (int i = 0; i < buffers.Count; i++)
        {
            int r = root[i];
            if (r < 0 || r == i) continue;
            long alignment = Math.Max(1, buffers[i].Alignment);
            long rootAlignment = Math.Max(1, buffers[r].Alignment);
            if (rootAlignment % alignment == 0 && offsetInRoot[i] % alignment == 0) continue;
            errors.Add(new(i, AliasErrorKind.Alignment, FormattableString.Invariant(
                $"buffer '{buffers[i].Id}' asks for alignment {alignment}, but it begins at byte {offsetInRoot[i]} of '{buffers[r].Id}', which is aligned to {rootAlignment}: an alias's alignment must divide both (align the owner instead)")));
            root[i] = -1;
        }
    }
}
