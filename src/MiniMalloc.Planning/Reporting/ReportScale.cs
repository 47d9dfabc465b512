namespace MiniMalloc.Planning;

/// <summary>
/// Maps schedule steps to x and bytes to y (address 0 at the bottom) in CSS pixels. The report states these
/// numbers on the chart so that a reader, or a test, can turn any rectangle back into steps and bytes.
/// </summary>
internal sealed class ReportScale
{
    public ReportScale(double left, double width, long firstStep, long endStep, double bottom, double height, double topBytes)
    {
        Left = left;
        FirstStep = firstStep;
        PixelsPerStep = width / Math.Max(1, endStep - firstStep);
        Bottom = bottom;
        PixelsPerByte = height / Math.Max(1, topBytes);
    }

    /// <summary>The x of <see cref="FirstStep"/>.</summary>
    public double Left { get; }

    /// <summary>The first step drawn.</summary>
    public long FirstStep { get; }

    /// <summary>Width of one step.</summary>
    public double PixelsPerStep { get; }

    /// <summary>The y of byte 0.</summary>
    public double Bottom { get; }

    /// <summary>Height of one byte.</summary>
    public double PixelsPerByte { get; }

    public double X(long step) => Left + (step - FirstStep) * PixelsPerStep;

    public double Y(long bytes) => Bottom - bytes * PixelsPerByte;

    public double Width(long steps) => steps * PixelsPerStep;

    public double Height(long bytes) => bytes * PixelsPerByte;

    /// <summary>The step drawn at <paramref name="x"/>, rounded down.</summary>
    public long StepAt(double x) => FirstStep + (long)Math.Floor((x - Left) / PixelsPerStep);
}
