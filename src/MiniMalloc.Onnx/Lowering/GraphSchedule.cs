using MiniMalloc.Onnx.Model;

namespace MiniMalloc.Onnx.Lowering;

/// <summary>
/// Splits the nodes into weights and steps, and orders both.
/// <list type="bullet">
/// <item>Weights: initializers, Constant nodes, and nodes all of whose inputs are weights (transitively). They are
/// computed once, before the schedule (or folded away by the compiler), and stay out of the arena. Random
/// operators are never weights: they produce new values on every run.</item>
/// <item>Steps: every other node, one per step, in the file's order. Where a node reads a value produced by a
/// later node (ONNX requires topological order, but exporters break it and runtimes accept it), the steps are
/// sorted stably: at each step, the earliest stored node whose inputs are ready, so the stored order is kept
/// wherever it is valid, and a warning says so. Nodes that can never become ready form a cycle: an error.</item>
/// </list>
/// </summary>
internal sealed class GraphSchedule
{
    private static readonly HashSet<string> Random = ["RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Multinomial", "Bernoulli"];

    private GraphSchedule(IReadOnlyList<GraphNode> steps, IReadOnlyList<GraphNode> weights, HashSet<string> weightValues, string? warning)
    {
        Steps = steps;
        Weights = weights;
        _weightValues = weightValues;
        Warning = warning;
    }

    private readonly HashSet<string> _weightValues;

    /// <summary>The nodes that run, step i = Steps[i].</summary>
    public IReadOnlyList<GraphNode> Steps { get; }

    /// <summary>The weight nodes, in an order where every node comes after the nodes it reads.</summary>
    public IReadOnlyList<GraphNode> Weights { get; }

    /// <summary>The warning text when the stored order had to be sorted, else null.</summary>
    public string? Warning { get; }

    /// <summary>True for initializers and weight-node outputs.</summary>
    public bool IsWeight(string value) => _weightValues.Contains(value);

    /// <summary>Classifies and orders the nodes of <paramref name="graph"/>; throws on a cycle.</summary>
    public static GraphSchedule Build(OnnxGraph graph)
    {
        var nodes = graph.Nodes;

        // Weights first: a node is a weight once all its inputs are. Walked in dependency order (Kahn over all nodes),
        // so a node is judged after every node it reads; nodes never reached lie on a cycle.
        var weightValues = new HashSet<string>(graph.Initializers.Keys.Concat(graph.SparseInitializers.Keys), StringComparer.Ordinal);
        var order = TopologicalOrder(graph, nodes);
        if (order.Count < nodes.Count) throw CycleError(graph, nodes, order);
        var weights = new List<GraphNode>();
        var isWeightNode = new bool[nodes.Count];
        foreach (var node in order)
        {
            if (Random.Contains(node.OpType) && node.Domain.Length == 0) continue;
            if (node.Inputs.All(i => i.Length == 0 || weightValues.Contains(i)))
            {
                isWeightNode[node.Index] = true;
                foreach (var output in node.Outputs) if (output.Length > 0) weightValues.Add(output);
            }
        }
        var stepNodes = nodes.Where(n => !isWeightNode[n.Index]).ToList();
        weights.AddRange(TopologicalOrder(graph, nodes.Where(n => isWeightNode[n.Index]).ToList()));

        // Steps in stored order when that order is valid; else the stable sort.
        var seen = new HashSet<string>(weightValues, StringComparer.Ordinal);
        foreach (var input in graph.RuntimeInputs) seen.Add(input.Name);
        (GraphNode Reader, string Value)? firstViolation = null;
        foreach (var node in stepNodes)
        {
            foreach (var input in node.Inputs)
            {
                if (input.Length > 0 && !seen.Contains(input))
                {
                    firstViolation ??= (node, input);
                }
            }
            foreach (var output in node.Outputs) if (output.Length > 0) seen.Add(output);
        }
        if (firstViolation is not { } violation) return new GraphSchedule(stepNodes, weights, weightValues, null);

        var sorted = TopologicalOrder(graph, stepNodes);
        Debug.Assert(sorted.Count == stepNodes.Count, "a cycle among the steps would have stopped the full order");
        int moved = sorted.Where((node, i) => stepNodes[i] != node).Count();
        string warning = $"the stored node order is not topological: {violation.Reader.Display} reads \"{violation.Value}\", which {graph.ProducerOf[violation.Value].Display} produces later; the schedule is sorted stably ({moved} of {sorted.Count} steps moved)";
        return new GraphSchedule(sorted, weights, weightValues, warning);
    }

    /// <summary>
    /// Kahn's algorithm over <paramref name="subset"/>, taking at every point the ready node stored first, so that
    /// a subset already in topological order comes back unchanged. Dependencies on nodes outside the subset are
    /// taken as met. Returns fewer nodes than given when some lie on a cycle.
    /// </summary>
    private static List<GraphNode> TopologicalOrder(OnnxGraph graph, IReadOnlyList<GraphNode> subset)
    {
        var member = subset.ToDictionary(n => n.Index);
        var pending = new Dictionary<int, int>();
        var readers = new Dictionary<int, List<GraphNode>>();
        foreach (var node in subset)
        {
            int count = 0;
            foreach (var producer in node.Inputs.Where(i => i.Length > 0).Distinct()
                         .Select(i => graph.ProducerOf.GetValueOrDefault(i)).OfType<GraphNode>().Distinct())
            {
                if (!member.ContainsKey(producer.Index)) continue;
                count++;
                if (!readers.TryGetValue(producer.Index, out var list)) readers[producer.Index] = list = [];
                list.Add(node);
            }
            pending[node.Index] = count;
        }
        var ready = new PriorityQueue<GraphNode, int>();
        foreach (var node in subset) if (pending[node.Index] == 0) ready.Enqueue(node, node.Index);
        var order = new List<GraphNode>(subset.Count);
        while (ready.TryDequeue(out var node, out _))
        {
            order.Add(node);
            if (!readers.TryGetValue(node.Index, out var list)) continue;
            foreach (var reader in list)
            {
                if (--pending[reader.Index] == 0) ready.Enqueue(reader, reader.Index);
            }
        }
        return order;
    }

    private static LoweringException CycleError(OnnxGraph graph, IReadOnlyList<GraphNode> nodes, List<GraphNode> ordered)
    {
        var done = ordered.Select(n => n.Index).ToHashSet();
        // Walk back from a node that never became ready through inputs produced by such nodes: a walk among
        // finitely many nodes must revisit one, and the loop from there is a cycle.
        var node = nodes.First(n => !done.Contains(n.Index));
        var path = new List<GraphNode>();
        var position = new Dictionary<int, int>();
        while (!position.ContainsKey(node.Index))
        {
            position[node.Index] = path.Count;
            path.Add(node);
            node = node.Inputs.Where(i => i.Length > 0).Select(i => graph.ProducerOf.GetValueOrDefault(i))
                .OfType<GraphNode>().First(p => !done.Contains(p.Index));
        }
        var cycle = path.Skip(position[node.Index]).Reverse().ToList();
        return new LoweringException(OnnxDiagnosticCodes.Cycle,
            $"the graph has a cycle: {string.Join(" -> ", cycle.Append(cycle[0]).Select(n => n.Display))}");
    }
}
