using MiniMalloc.Onnx.Format;

namespace MiniMalloc.Onnx.Model;

/// <summary>
/// The main graph of a model, checked: every value has exactly one producer (a graph input, an initializer or a
/// node), every value a node reads exists, and no node holds a subgraph or calls a model-local function. Values
/// are named by their ONNX names throughout.
/// </summary>
internal sealed class OnnxGraph
{
    private OnnxGraph(ModelProto model, string modelPath)
    {
        Model = model;
        ModelPath = modelPath;
    }

    /// <summary>The parsed file.</summary>
    public ModelProto Model { get; }

    /// <summary>The model file (for messages and external data).</summary>
    public string ModelPath { get; }

    /// <summary>The standard operator set's version (the "" or "ai.onnx" import); 0 when the model imports none.</summary>
    public long Opset { get; private set; }

    /// <summary>The nodes in stored order.</summary>
    public IReadOnlyList<GraphNode> Nodes { get; private set; } = [];

    /// <summary>Initializers (dense) by name.</summary>
    public IReadOnlyDictionary<string, TensorProto> Initializers { get; private set; } = new Dictionary<string, TensorProto>();

    /// <summary>Sparse initializers by name (planned as constants like the dense ones).</summary>
    public IReadOnlyDictionary<string, SparseTensorProto> SparseInitializers { get; private set; } = new Dictionary<string, SparseTensorProto>();

    /// <summary>The graph inputs that are not initializers: the values the caller feeds at run time, in order.</summary>
    public IReadOnlyList<ValueInfoProto> RuntimeInputs { get; private set; } = [];

    /// <summary>The graph outputs, in order.</summary>
    public IReadOnlyList<ValueInfoProto> Outputs => Model.Graph.Output;

    /// <summary>Declared types of values (graph inputs, outputs and value_info), by name; the first declaration wins.</summary>
    public IReadOnlyDictionary<string, TypeProto> DeclaredTypes { get; private set; } = new Dictionary<string, TypeProto>();

    /// <summary>The node that writes each node output.</summary>
    public IReadOnlyDictionary<string, GraphNode> ProducerOf { get; private set; } = new Dictionary<string, GraphNode>();

    /// <summary>True for initializers (and graph inputs that are initializers).</summary>
    public bool IsInitializer(string value) => Initializers.ContainsKey(value) || SparseInitializers.ContainsKey(value);

    /// <summary>Builds and checks the graph; throws <see cref="LoweringException"/> at the first problem.</summary>
    public static OnnxGraph Build(ModelProto model, string modelPath)
    {
        var graph = new OnnxGraph(model, modelPath);
        graph.Load();
        return graph;
    }

    private void Load()
    {
        var g = Model.Graph;
        Opset = Model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").Select(o => o.Version).DefaultIfEmpty(0).Max();

        var initializers = new Dictionary<string, TensorProto>(StringComparer.Ordinal);
        foreach (var tensor in g.Initializer)
        {
            if (!initializers.TryAdd(tensor.Name, tensor))
            {
                throw new LoweringException(OnnxDiagnosticCodes.TwoProducers, $"value \"{tensor.Name}\": two initializers have this name");
            }
        }
        var sparse = new Dictionary<string, SparseTensorProto>(StringComparer.Ordinal);
        foreach (var tensor in g.SparseInitializer)
        {
            string name = tensor.Values?.Name ?? "";
            if (initializers.ContainsKey(name) || !sparse.TryAdd(name, tensor))
            {
                throw new LoweringException(OnnxDiagnosticCodes.TwoProducers, $"value \"{name}\": two initializers have this name");
            }
        }
        Initializers = initializers;
        SparseInitializers = sparse;

        var declared = new Dictionary<string, TypeProto>(StringComparer.Ordinal);
        foreach (var info in g.Input.Concat(g.Output).Concat(g.ValueInfo))
        {
            if (info.Type is not null) declared.TryAdd(info.Name, info.Type);
        }
        DeclaredTypes = declared;

        // Who produces what: runtime inputs, initializers, then node outputs; a second producer is an error.
        var producers = new Dictionary<string, string>(StringComparer.Ordinal);
        var inputs = new List<ValueInfoProto>();
        foreach (var input in g.Input)
        {
            if (IsInitializer(input.Name)) continue; // an input with a default value: a constant (IR 4 and later)
            if (producers.ContainsKey(input.Name))
            {
                throw new LoweringException(OnnxDiagnosticCodes.TwoProducers, $"value \"{input.Name}\": the graph declares this input twice");
            }
            producers[input.Name] = "graph input";
            inputs.Add(input);
        }
        RuntimeInputs = inputs;
        foreach (var name in initializers.Keys.Concat(sparse.Keys)) producers.TryAdd(name, "initializer");

        var functions = Model.Functions.Select(f => (f.Domain, f.Name)).ToHashSet();
        var nodes = new List<GraphNode>(g.Node.Count);
        var producerOf = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        for (int i = 0; i < g.Node.Count; i++)
        {
            var node = new GraphNode(i, g.Node[i]);
            if (node.HasSubgraph)
            {
                throw new LoweringException(OnnxDiagnosticCodes.Unsupported,
                    $"{node.Display}: holds a subgraph ({string.Join(", ", node.Proto.Attribute.Where(a => a.G is not null || a.Graphs.Count > 0).Select(a => a.Name))}); control flow (If, Loop, Scan) is not supported: its memory depends on the branch taken. Export the model with the branch resolved (for example with fixed inputs and constant folding)");
            }
            if (functions.Contains((node.Proto.Domain, node.OpType)))
            {
                throw new LoweringException(OnnxDiagnosticCodes.Unsupported,
                    $"{node.Display}: calls the model-local function \"{node.Proto.Domain}.{node.OpType}\"; functions are not supported: inline them before lowering");
            }
            foreach (var output in node.Outputs)
            {
                if (output.Length == 0) continue;
                if (producers.TryGetValue(output, out var other))
                {
                    string first = producerOf.TryGetValue(output, out var otherNode) ? otherNode.Display : $"a {other}";
                    throw new LoweringException(OnnxDiagnosticCodes.TwoProducers,
                        $"value \"{output}\": produced by {first} and by {node.Display}");
                }
                producers[output] = "node";
                producerOf[output] = node;
            }
            nodes.Add(node);
        }
        foreach (var node in nodes)
        {
            foreach (var input in node.Inputs)
            {
                if (input.Length > 0 && !producers.ContainsKey(input))
                {
                    throw new LoweringException(OnnxDiagnosticCodes.NeverProduced,
                        $"{node.Display}: reads value \"{input}\", which no node, initializer or graph input produces");
                }
            }
        }
        foreach (var output in g.Output)
        {
            if (!producers.ContainsKey(output.Name))
            {
                throw new LoweringException(OnnxDiagnosticCodes.NeverProduced,
                    $"graph output \"{output.Name}\": no node, initializer or graph input produces it");
            }
        }
        Nodes = nodes;
        ProducerOf = producerOf;
    }
}
