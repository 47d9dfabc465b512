using System.Globalization;
using System.Text;

namespace MiniMalloc.Tests.Property;

/// <summary>
/// Prints a problem as CSV in the reference's input format (id,lower,upper,size,alignment,hint,gaps,offset, and alias when some buffer has one), so
/// that a failing property case can be fed to <c>minimalloc --input=FILE --capacity=N</c> as it is.
/// </summary>
internal static class ProblemCsv
{
    /// <summary>The problem's buffers as CSV text with "\n" line ends; the capacity is not part of the format.</summary>
    public static string Format(Problem problem)
    {
        bool aliases = problem.Buffers.Any(b => b.Alias is not null);
        var text = new StringBuilder(aliases ? "id,lower,upper,size,alignment,hint,gaps,offset,alias\n" : "id,lower,upper,size,alignment,hint,gaps,offset\n");
        foreach (var b in problem.Buffers)
        {
            string gaps = string.Join(' ', b.Gaps.Select(g => g.Window is { } w
                ? string.Create(CultureInfo.InvariantCulture, $"{g.Lifespan.Lower}-{g.Lifespan.Upper}@{w.Lower}:{w.Upper}")
                : string.Create(CultureInfo.InvariantCulture, $"{g.Lifespan.Lower}-{g.Lifespan.Upper}")));
            text.Append(CultureInfo.InvariantCulture,
                $"{b.Id},{b.Lifespan.Lower},{b.Lifespan.Upper},{b.Size},{b.Alignment},{b.Hint},{gaps},{b.Offset}");
            if (aliases) text.Append(',').Append(b.Alias?.ToString());
            text.Append('\n');
        }
        return text.ToString();
    }
}
