using System.Globalization;

namespace MiniMalloc.Planning;

/// <summary>
/// A fill colour per buffer, from a hash of its id: the same buffer keeps its colour from build to build and from
/// report to report, whatever its position in the file.
/// </summary>
internal static class ReportColors
{
    /// <summary>The fill of buffer <paramref name="id"/> as <c>#rrggbb</c>: a mid-light, moderately saturated hue.</summary>
    public static string Of(string id)
    {
        uint hash = 2166136261; // FNV-1a over UTF-16 code units: stable across runs and platforms, unlike string.GetHashCode.
        foreach (char c in id)
        {
            hash ^= c;
            hash *= 16777619;
        }
        // FNV's low bits mix poorly for ids that differ in one character; a finalizer spreads them over every bit.
        hash ^= hash >> 16;
        hash *= 0x85EBCA6B;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35;
        hash ^= hash >> 16;
        double hue = hash % 360;
        double saturation = 0.45 + (hash >> 12) % 30 / 100.0;
        double lightness = 0.56 + (hash >> 20) % 16 / 100.0;
        return Hex(hue, saturation, lightness);
    }

    private static string Hex(double hue, double saturation, double lightness)
    {
        double chroma = (1 - Math.Abs(2 * lightness - 1)) * saturation;
        double h = hue / 60;
        double x = chroma * (1 - Math.Abs(h % 2 - 1));
        (double r, double g, double b) = (int)h switch
        {
            0 => (chroma, x, 0.0),
            1 => (x, chroma, 0.0),
            2 => (0.0, chroma, x),
            3 => (0.0, x, chroma),
            4 => (x, 0.0, chroma),
            _ => (chroma, 0.0, x),
        };
        double m = lightness - chroma / 2;
        return string.Create(CultureInfo.InvariantCulture, $"#{Byte(r + m):x2}{Byte(g + m):x2}{Byte(b + m):x2}");
    }

    private static int Byte(double unit) => Math.Clamp((int)Math.Round(unit * 255), 0, 255);
}
