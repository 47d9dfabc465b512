namespace MiniMalloc;

/// <summary>
/// A column that <see cref="CsvProblemWriter"/> writes after the reference's columns and the offset: its header and
/// each buffer's text (by the buffer's index), quoted as ids are when needed. The pool plan's <c>pool</c> and
/// <c>pools</c> columns are written this way.
/// </summary>
/// <param name="Name">The column's header.</param>
/// <param name="Value">The text of buffer i's field.</param>
public sealed record CsvExtraColumn(string Name, Func<int, string> Value);
