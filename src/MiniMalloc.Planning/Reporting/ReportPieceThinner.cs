namespace MiniMalloc.Planning;

/// <summary>
/// Keeps the drawing light for large plans. A piece smaller than one pixel in both directions cannot be seen on
/// its own, so instead of a rectangle each it is assigned to the pixel column holding its centre and the pixel
/// rows it touches; overlapping or touching row runs of a column merge into one grey rectangle, one pixel wide.
/// Pieces at least a pixel wide or tall (a sliver still shows as a line) keep their own rectangle.
/// </summary>
internal sealed class ReportPieceThinner
{
    private readonly double _left;
    private readonly int _columns;
    private readonly List<(int Column, int Top, int Bottom, int Buffer)> _pieces = [];

    public ReportPieceThinner(double left, int columns)
    {
        _left = left;
        _columns = columns;
    }

    /// <summary>
    /// A merged rectangle: pixel column, pixel rows [Top, Bottom), how many pieces, the first few buffers, and whether
    /// pieces of other buffers lie in it too.
    /// </summary>
    public sealed record Merged(int Column, int Top, int Bottom, int Count, IReadOnlyList<int> Buffers, bool MoreBuffers);

    /// <summary>Pieces added so far.</summary>
    public int Count => _pieces.Count;

    /// <summary>True when a piece of this on-screen size cannot be seen on its own.</summary>
    public static bool IsTooSmall(double width, double height) => width < 1 && height < 1;

    /// <summary>Adds a piece of <paramref name="buffer"/> whose on-screen box starts at (x, y).</summary>
    public void Add(int buffer, double x, double y, double width, double height)
    {
        int column = Math.Clamp((int)Math.Floor(x + width / 2 - _left), 0, _columns - 1);
        int top = (int)Math.Floor(y);
        int bottom = Math.Max(top + 1, (int)Math.Ceiling(y + height));
        _pieces.Add((column, top, bottom, buffer));
    }

    /// <summary>The merged rectangles, by column then top row; each names up to <paramref name="namesPerRectangle"/> buffers.</summary>
    public IReadOnlyList<Merged> Merge(int namesPerRectangle)
    {
        // Sorting by (column, top) puts every run that could merge next to the one it merges with.
        _pieces.Sort((a, b) => a.Column != b.Column ? a.Column.CompareTo(b.Column)
            : a.Top != b.Top ? a.Top.CompareTo(b.Top) : a.Buffer.CompareTo(b.Buffer));
        var merged = new List<Merged>();
        int i = 0;
        while (i < _pieces.Count)
        {
            var first = _pieces[i];
            int bottom = first.Bottom, count = 0;
            bool more = false;
            var buffers = new List<int>(namesPerRectangle);
            while (i < _pieces.Count && _pieces[i].Column == first.Column && _pieces[i].Top <= bottom)
            {
                bottom = Math.Max(bottom, _pieces[i].Bottom);
                if (!buffers.Contains(_pieces[i].Buffer))
                {
                    if (buffers.Count < namesPerRectangle) buffers.Add(_pieces[i].Buffer);
                    else more = true;
                }
                count++;
                i++;
            }
            merged.Add(new Merged(first.Column, first.Top, bottom, count, buffers, more));
        }
        return merged;
    }
}
