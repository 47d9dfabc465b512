namespace Lowering.Model;

/// <summary>
/// Checks that the graph can be executed: every computed tensor has exactly one producer, inputs and
/// constants are never written, and no operator reads its own output.
/// </summary>
public static class GraphChecker
{
    /// <summary>Reports every problem of the graph to <paramref name="errors"/>.</summary>
    public static void Check(IReadOnlyList<TensorSpec> tensors, IReadOnlyList<OperatorSpec> operators, ErrorList errors)
    {
        var producers = new Dictionary<TensorSpec, OperatorSpec>();
        foreach (var op in operators)
        {
            var outputNodes = op.Source["outputs"]!.Items;
            for (int i = 0; i < op.Outputs.Count; i++)
            {
                var tensor = op.Outputs[i];
                var at = outputNodes[i];
                if (tensor.Kind == TensorKind.Input)
                {
                    errors.Add(at, ErrorCodes.BadGraph, $"\"{tensor.Name}\" is a graph input: no operator may write it");
                }
                else if (tensor.Kind == TensorKind.Constant)
                {
                    errors.Add(at, ErrorCodes.BadGraph, $"\"{tensor.Name}\" is a constant: no operator may write it");
                }
                else if (producers.TryGetValue(tensor, out var other))
                {
                    errors.Add(at, ErrorCodes.BadGraph, $"\"{tensor.Name}\" is already written by operator \"{other.Name}\"");
                }
                else
                {
                    producers.Add(tensor, op);
                }

                if (op.Inputs.Contains(tensor))
                {
                    errors.Add(at, ErrorCodes.BadGraph, $"operator \"{op.Name}\" reads and writes \"{tensor.Name}\" (in-place operators are not modelled)");
                }
            }
        }

        foreach (var tensor in tensors)
        {
            if (tensor.Kind is TensorKind.Activation or TensorKind.Output && !producers.ContainsKey(tensor))
            {
                errors.Add(tensor.Source, ErrorCodes.BadGraph,
                    $"no operator writes \"{tensor.Name}\" (declare it with \"kind\": \"input\" if the host provides it)");
            }
        }
    }
}
