using Lowering.Model;

namespace Lowering.Lifetimes;

/// <summary>
/// Decides the execution order: the file's own schedule after checking it respects every dependency, or
/// else a topological order that is deterministic (among the operators that are ready, the one declared
/// first runs first, so that the same file always gives the same plan).
/// </summary>
public static class Scheduler
{
    /// <summary>Returns the operators in execution order; throws <see cref="ModelException"/> when impossible.</summary>
    public static IReadOnlyList<OperatorSpec> Order(ModelDescription model)
    {
        var producers = new Dictionary<TensorSpec, OperatorSpec>();
        foreach (var op in model.Operators)
        {
            foreach (var output in op.Outputs)
            {
                producers[output] = op;
            }
        }

        return model.Schedule is null ? Topological(model, producers) : CheckGiven(model, producers);
    }

    private static IReadOnlyList<OperatorSpec> CheckGiven(ModelDescription model, Dictionary<TensorSpec, OperatorSpec> producers)
    {
        var errors = new ErrorList(model.File);
        var position = new Dictionary<OperatorSpec, int>();
        foreach (var (op, entry) in model.Schedule!)
        {
            if (!position.TryAdd(op, position.Count))
            {
                errors.Add(entry, ErrorCodes.BadGraph, $"operator \"{op.Name}\" is scheduled twice");
            }
        }

        var missing = model.Operators.Where(op => !position.ContainsKey(op)).Select(op => $"\"{op.Name}\"").ToList();
        if (missing.Count > 0)
        {
            var at = model.Schedule!.Count > 0 ? model.Schedule[0].Entry : model.Operators[0].Source;
            errors.Add(at, ErrorCodes.BadGraph, $"the schedule leaves out {string.Join(", ", missing)}");
        }

        foreach (var (op, entry) in model.Schedule!)
        {
            foreach (var input in op.Inputs)
            {
                if (producers.TryGetValue(input, out var producer) && position.TryGetValue(producer, out int p) && p >= position[op])
                {
                    errors.Add(entry, ErrorCodes.BadGraph,
                        $"operator \"{op.Name}\" reads \"{input.Name}\" before \"{producer.Name}\" writes it (schedule position {p})");
                }
            }
        }

        errors.ThrowIfAny();
        return model.Schedule!.Select(s => s.Operator).ToList();
    }

    private static IReadOnlyList<OperatorSpec> Topological(ModelDescription model, Dictionary<TensorSpec, OperatorSpec> producers)
    {
        var waitingOn = model.Operators.ToDictionary(op => op, op => op.Inputs.Where(producers.ContainsKey).Distinct().Count());
        var consumers = model.Operators
            .SelectMany(op => op.Inputs.Where(producers.ContainsKey).Distinct().Select(input => (input, op)))
            .ToLookup(x => x.input, x => x.op);
        var ready = new SortedSet<int>(model.Operators.Where(op => waitingOn[op] == 0).Select(op => op.Index));
        var order = new List<OperatorSpec>();
        while (ready.Count > 0)
        {
            var op = model.Operators[ready.Min];
            ready.Remove(op.Index);
            order.Add(op);
            foreach (var output in op.Outputs)
            {
                foreach (var consumer in consumers[output])
                {
                    if (--waitingOn[consumer] == 0)
                    {
                        ready.Add(consumer.Index);
                    }
                }
            }
        }

        if (order.Count < model.Operators.Count)
        {
            var stuck = model.Operators.Where(op => !order.Contains(op)).ToList();
            throw new ModelException(new ModelError(model.File, stuck[0].Source.Line, stuck[0].Source.Column, stuck[0].Source.Path,
                ErrorCodes.BadGraph,
                $"the graph has a cycle: no order can run {string.Join(", ", stuck.Select(op => $"\"{op.Name}\""))}"));
        }

        return order;
    }
}
