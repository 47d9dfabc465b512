namespace Lowering.Model;

/// <summary>One operator's use of a scratch buffer: it needs the first <paramref name="Bytes"/> bytes.</summary>
public sealed record ScratchUse(OperatorSpec Operator, long Bytes);
