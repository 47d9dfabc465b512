namespace MiniMalloc.Planning;

/// <summary>A horizontal line across a chart and its label; without <see cref="Bytes"/>, a label only.</summary>
internal readonly record struct ReportLine(long? Bytes, string LineClass, string LabelClass, string Label);
