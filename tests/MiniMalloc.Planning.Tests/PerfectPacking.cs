using System.Globalization;
using System.Text;

namespace MiniMalloc.Planning.Tests;

/// <summary>
/// A packing puzzle with a known optimum, for the minimizer's node budget: a rectangle of <see cref="Height"/> bytes
/// by 40 steps cut at random into 30 buffers (the largest piece cut in two, across its time or its bytes, until
/// there are 30). Every step is full, so the live bytes peak at the height, which is the optimum; the quick plans
/// the minimizer starts from (best-fit decreasing, first fit in greedy orders) stay above it (at 74 bytes), and a
/// few dozen search nodes find it. Shared with the CLI and task tests.
/// </summary>
public static class PerfectPacking
{
    /// <summary>The rectangle's height: the lower bound and the optimum.</summary>
    public const long Height = 64;

    /// <summary>The puzzle as a CSV file in the reference's format.</summary>
    public static string Csv()
    {
        var random = new Random(3);
        var pieces = new List<(int Lower, int Upper, int Size)> { (0, 40, (int)Height) };
        while (pieces.Count < 30)
        {
            var piece = pieces.MaxBy(p => (p.Upper - p.Lower) * p.Size);
            pieces.Remove(piece);
            if ((random.Next(2) == 0 && piece.Upper - piece.Lower > 1) || piece.Size < 2)
            {
                int cut = random.Next(piece.Lower + 1, piece.Upper);
                pieces.Add((piece.Lower, cut, piece.Size));
                pieces.Add((cut, piece.Upper, piece.Size));
            }
            else
            {
                int cut = random.Next(1, piece.Size);
                pieces.Add((piece.Lower, piece.Upper, cut));
                pieces.Add((piece.Lower, piece.Upper, piece.Size - cut));
            }
        }
        var csv = new StringBuilder("id,lower,upper,size\n");
        for (int i = 0; i < pieces.Count; i++) csv.Append(CultureInfo.InvariantCulture, $"p{i},{pieces[i].Lower},{pieces[i].Upper},{pieces[i].Size}\n");
        return csv.ToString();
    }
}
