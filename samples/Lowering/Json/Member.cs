namespace Lowering.Json;

/// <summary>A member of a JSON object, with the position of its name (for "unknown property" errors).</summary>
public sealed record Member(string Name, int Line, int Column, Node Value);
