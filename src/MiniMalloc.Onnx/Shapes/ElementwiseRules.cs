using MiniMalloc.Onnx.Model;

namespace MiniMalloc.Onnx.Shapes;

/// <summary>
/// Operators whose output has the shape of an input (unary) or the broadcast of their inputs (binary, variadic,
/// comparisons, Where). Small integer and real operands are also evaluated: exported models compute their shape
/// arguments with exactly these operators.
/// </summary>
internal static class ElementwiseRules
{
    private static readonly string[] SameShape =
    [
        "Acos", "Acosh", "Asin", "Asinh", "Atan", "Atanh", "Cos", "Cosh", "Elu", "Erf", "Exp", "HardSigmoid",
        "HardSwish", "LeakyRelu", "Log", "Mish", "Selu", "Sigmoid", "Sin", "Sinh", "Softplus",
        "Softsign", "Tan", "Tanh", "ThresholdedRelu", "Gelu", "Celu", "Shrink", "Softmax", "LogSoftmax", "Hardmax",
        "LRN", "InstanceNormalization", "LpNormalization", "MeanVarianceNormalization", "CumSum", "Trilu",
        "ReverseSequence", "Round", "Reciprocal", "BitwiseNot",
    ];

    private static readonly string[] Arithmetic = ["Add", "Sub", "Mul", "Div", "Pow", "Mod", "Max", "Min", "Mean", "Sum", "BitShift", "BitwiseAnd", "BitwiseOr", "BitwiseXor", "PRelu"];

    private static readonly string[] Comparisons = ["Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or", "Xor"];

    /// <summary>Adds the rules to <paramref name="rules"/>.</summary>
    public static void Register(Dictionary<string, Action<NodeContext>> rules)
    {
        foreach (var op in SameShape) rules[op] = c => c.Out(0, c.In(0) with { Ints = null, Reals = null });
        rules["Det"] = c => c.Out(0, c.In(0).ElementType, c.In(0).Dims[..^2]);
        rules["Identity"] = c => c.Out(0, c.In(0));
        rules["Neg"] = c => Unary(c, v => -v, v => -v);
        rules["Abs"] = c => Unary(c, Math.Abs, Math.Abs);
        rules["Floor"] = c => Unary(c, v => v, Math.Floor);
        rules["Ceil"] = c => Unary(c, v => v, Math.Ceiling);
        rules["Sqrt"] = c => Unary(c, null, Math.Sqrt);
        rules["Sign"] = c => Unary(c, v => Math.Sign(v), v => Math.Sign(v));
        rules["Relu"] = c => Unary(c, v => Math.Max(v, 0), v => Math.Max(v, 0));
        rules["Not"] = c => Unary(c, v => v == 0 ? 1 : 0, null);
        rules["IsNaN"] = c => c.Out(0, OnnxDataType.Bool, c.In(0).Dims);
        rules["IsInf"] = c => c.Out(0, OnnxDataType.Bool, c.In(0).Dims);
        rules["Clip"] = c => c.Out(0, c.In(0) with { Ints = null, Reals = null });
        rules["Dropout"] = c =>
        {
            c.Out(0, c.In(0));
            c.Out(1, OnnxDataType.Bool, c.In(0).Dims);
        };
        rules["Cast"] = c => Cast(c, (int)c.Node.Int("to", 0));
        rules["CastLike"] = c => Cast(c, c.In(1).ElementType);
        foreach (var op in Arithmetic) rules[op] = c => Binary(c, c.In(0).ElementType);
        foreach (var op in Comparisons) rules[op] = c => Binary(c, OnnxDataType.Bool);
        rules["Where"] = Where;
    }

    private static void Unary(NodeContext c, Func<long, long>? ints, Func<double, double>? reals)
    {
        var x = c.In(0);
        var result = x with { Ints = null, Reals = null };
        if (ints is not null && x.Ints is { } i) result = result with { Ints = [.. i.Select(ints)] };
        if (reals is not null && x.Reals is { } r) result = result with { Reals = [.. r.Select(reals)] };
        c.Out(0, result);
    }

    private static void Cast(NodeContext c, int to)
    {
        var x = c.In(0);
        var result = new ValueFacts(to, x.Dims);
        if (OnnxDataType.IsInteger(to) && x.AsInts() is { } ints) result = result with { Ints = to == OnnxDataType.Bool ? [.. ints.Select(v => v != 0 ? 1L : 0L)] : ints };
        else if (OnnxDataType.IsReal(to) && x.AsReals() is { } reals) result = result with { Reals = reals };
        c.Out(0, result);
    }

    private static void Binary(NodeContext c, int outputType)
    {
        var operands = Enumerable.Range(0, c.InputCount).Where(c.Has).Select(c.In).ToList();
        if (operands.Count == 0) throw c.Fail("it has no inputs");
        var dims = Broadcast.Shape([.. operands.Select(o => o.Dims)])
            ?? throw c.Fail($"its input shapes {string.Join(" and ", operands.Select(o => ValueFacts.FormatDims(o.Dims)))} do not broadcast");
        var result = new ValueFacts(outputType, dims);
        if (operands.Count == 2 && result.ElementCount <= ValueFacts.MaxKnownElements)
        {
            result = Evaluate(c.Node.OpType, operands[0], operands[1], result, c.Node.Int("fmod", 0) != 0);
        }
        c.Out(0, result);
    }

    private static ValueFacts Evaluate(string op, ValueFacts a, ValueFacts b, ValueFacts result, bool fmod)
    {
        long n = result.ElementCount;
        bool real = OnnxDataType.IsReal(a.ElementType) || OnnxDataType.IsReal(b.ElementType);
        if (!real && a.Ints is { } ai && b.Ints is { } bi)
        {
            var values = new long[n];
            for (long k = 0; k < n; k++)
            {
                long x = ai[Broadcast.SourceIndex(k, result.Dims, a.Dims)], y = bi[Broadcast.SourceIndex(k, result.Dims, b.Dims)];
                long? v = op switch
                {
                    "Add" => x + y,
                    "Sub" => x - y,
                    "Mul" => x * y,
                    "Div" => y == 0 ? null : x / y,
                    "Mod" => y == 0 ? null : fmod ? x % y : ((x % y) + y) % y,
                    "Max" => Math.Max(x, y),
                    "Min" => Math.Min(x, y),
                    "Equal" => x == y ? 1 : 0,
                    "Less" => x < y ? 1 : 0,
                    "Greater" => x > y ? 1 : 0,
                    "LessOrEqual" => x <= y ? 1 : 0,
                    "GreaterOrEqual" => x >= y ? 1 : 0,
                    "And" => x != 0 && y != 0 ? 1 : 0,
                    "Or" => x != 0 || y != 0 ? 1 : 0,
                    _ => null,
                };
                if (v is null) return result;
                values[k] = v.Value;
            }
            return result with { Ints = values };
        }
        if (real && a.AsReals() is { } ar && b.AsReals() is { } br)
        {
            var values = new double[n];
            var flags = new long[n];
            bool comparison = result.ElementType == OnnxDataType.Bool;
            for (long k = 0; k < n; k++)
            {
                double x = ar[Broadcast.SourceIndex(k, result.Dims, a.Dims)], y = br[Broadcast.SourceIndex(k, result.Dims, b.Dims)];
                double? v = op switch
                {
                    "Add" => x + y,
                    "Sub" => x - y,
                    "Mul" => x * y,
                    "Div" => x / y,
                    "Pow" => Math.Pow(x, y),
                    "Max" => Math.Max(x, y),
                    "Min" => Math.Min(x, y),
                    "Equal" => x == y ? 1 : 0,
                    "Less" => x < y ? 1 : 0,
                    "Greater" => x > y ? 1 : 0,
                    "LessOrEqual" => x <= y ? 1 : 0,
                    "GreaterOrEqual" => x >= y ? 1 : 0,
                    _ => null,
                };
                if (v is null) return result;
                values[k] = v.Value;
                flags[k] = (long)v.Value;
            }
            return comparison ? result with { Ints = flags } : result with { Reals = values };
        }
        return result;
    }

    private static void Where(NodeContext c)
    {
        var condition = c.In(0);
        var x = c.In(1);
        var y = c.In(2);
        var dims = Broadcast.Shape([condition.Dims, x.Dims, y.Dims])
            ?? throw c.Fail($"its input shapes {ValueFacts.FormatDims(condition.Dims)}, {ValueFacts.FormatDims(x.Dims)} and {ValueFacts.FormatDims(y.Dims)} do not broadcast");
        var result = new ValueFacts(x.ElementType, dims);
        if (condition.Ints is { } ci && x.Ints is { } xi && y.Ints is { } yi && result.ElementCount <= ValueFacts.MaxKnownElements)
        {
            var values = new long[result.ElementCount];
            for (long k = 0; k < values.Length; k++)
            {
                values[k] = ci[Broadcast.SourceIndex(k, dims, condition.Dims)] != 0
                    ? xi[Broadcast.SourceIndex(k, dims, x.Dims)]
                    : yi[Broadcast.SourceIndex(k, dims, y.Dims)];
            }
            result = result with { Ints = values };
        }
        c.Out(0, result);
    }
}
