namespace MiniMalloc.Planning;

/// <summary>What a report drew: how many live pieces became rectangles and how many were merged away.</summary>
/// <param name="Buffers">Buffers in the problem.</param>
/// <param name="Pieces">Live pieces of all buffers (<see cref="OccupiedPieces"/>).</param>
/// <param name="DrawnPieces">Pieces drawn as their own rectangle, with hover text.</param>
/// <param name="MergedPieces">Pieces smaller than a pixel in both directions, merged into column rectangles.</param>
/// <param name="MergedRectangles">The rectangles those merged pieces became.</param>
/// <param name="Labels">Buffers labelled with their id.</param>
/// <param name="IsSketch">True when the picture is not a valid plan (no solution was given).</param>
internal sealed record PlanReportStatistics(
    int Buffers, int Pieces, int DrawnPieces, int MergedPieces, int MergedRectangles, int Labels, bool IsSketch);
