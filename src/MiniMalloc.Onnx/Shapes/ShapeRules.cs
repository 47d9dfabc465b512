namespace MiniMalloc.Onnx.Shapes;

/// <summary>
/// The shape rules, by operator of the standard domain. Operators of other domains (com.microsoft, ...) and
/// standard operators not listed here get their output shapes from the model's value_info, if it has them.
/// </summary>
internal static class ShapeRules
{
    private static readonly Dictionary<string, Action<NodeContext>> Rules = Create();

    /// <summary>The rule for <paramref name="domain"/>.<paramref name="op"/>, or null.</summary>
    public static Action<NodeContext>? Find(string domain, string op) =>
        domain.Length == 0 && Rules.TryGetValue(op, out var rule) ? rule : null;

    /// <summary>The operators with a rule (for the documentation).</summary>
    public static IEnumerable<string> Operators => Rules.Keys.Order(StringComparer.Ordinal);

    private static Dictionary<string, Action<NodeContext>> Create()
    {
        var rules = new Dictionary<string, Action<NodeContext>>(StringComparer.Ordinal);
        ElementwiseRules.Register(rules);
        TensorRules.Register(rules);
        SpatialRules.Register(rules);
        LinearAlgebraRules.Register(rules);
        return rules;
    }
}
