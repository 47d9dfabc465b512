using System.Globalization;

namespace MiniMalloc.Planning;

/// <summary>Number formatting for the report, always in the invariant culture so reports are byte-identical everywhere.</summary>
internal static class ReportText
{
    private static readonly string[] Units = ["KiB", "MiB", "GiB", "TiB", "PiB"];

    /// <summary>A coordinate with at most two decimals ("12.5", "0", never "-0").</summary>
    public static string Number(double value)
    {
        double rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0.0 : rounded).ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>An integer as written in the plan ("1048576").</summary>
    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Bytes in the shortest binary unit that keeps them at least 1 ("960 KiB", "1.5 MiB", "100 B").</summary>
    public static string Bytes(long bytes)
    {
        if (Math.Abs(bytes) < 1024) return Integer(bytes) + " B";
        double value = bytes;
        int unit = -1;
        while (Math.Abs(value) >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return value.ToString("0.##", CultureInfo.InvariantCulture) + " " + Units[unit];
    }

    /// <summary>Exact bytes with a readable size: "983040 B (960 KiB)".</summary>
    public static string BytesInFull(long bytes) =>
        Math.Abs(bytes) < 1024 ? Integer(bytes) + " B" : Integer(bytes) + " B (" + Bytes(bytes) + ")";
}
