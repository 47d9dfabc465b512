namespace MiniMalloc.Planning.Tests.Reporting;

/// <summary>Where the line labels go: beside their lines, in the lines' order, never on top of one another or outside the plot.</summary>
public class ReportChartFrameTests
{
    private const double First = 48, Last = 552, Spacing = 13;

    [Fact]
    public void Labels_of_lines_far_apart_sit_where_they_want()
    {
        var placed = ReportChartFrame.Baselines([100, 300, 400], [96, 296, 396], First, Last, Spacing);
        Assert.Equal([96, 296, 396], placed);
    }

    [Fact]
    public void Labels_of_equal_lines_are_stacked_in_the_given_order()
    {
        var placed = ReportChartFrame.Baselines([200, 200, 200], [196, 196, 196], First, Last, Spacing);
        Assert.Equal([196, 209, 222], placed);
    }

    [Fact]
    public void Labels_keep_the_order_of_their_lines_even_when_one_sits_below_its_line()
    {
        // The first line is too close to the top for a label above it, so its label wants to sit below it, lower than
        // the next line's label wants to be: the order of the lines wins.
        var placed = ReportChartFrame.Baselines([40, 52], [52, 48], First, Last, Spacing);
        Assert.Equal([52, 65], placed);
    }

    [Fact]
    public void Labels_pushed_below_the_plot_move_back_up()
    {
        var placed = ReportChartFrame.Baselines([560, 560, 560], [556, 556, 556], First, Last, Spacing);
        Assert.Equal([526, 539, 552], placed);
    }

    [Fact]
    public void A_note_without_a_line_comes_first()
    {
        var placed = ReportChartFrame.Baselines([double.NegativeInfinity, 50], [First, 46], First, Last, Spacing);
        Assert.Equal([48, 61], placed);
    }
}
