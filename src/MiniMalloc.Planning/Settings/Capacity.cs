using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MiniMalloc.Planning;

/// <summary>
/// A memory capacity in bytes: an integer in [0, 2^53]. Zero means zero bytes, as the reference program reads
/// <c>--capacity=0</c> (its default): no buffer fits in it. "No capacity" is never a number: it is the absence of
/// a value (a null <c>Capacity?</c>), from the settings through the pipeline.
/// </summary>
internal readonly record struct Capacity
{
    /// <summary>The largest capacity: 2^53, the format's limit for every size and offset (<see cref="ProblemChecker.MaxValue"/>).</summary>
    public const long MaxBytes = ProblemChecker.MaxValue;

    /// <summary>What a capacity setting must be, for messages.</summary>
    public const string Expected = "an integer number of bytes in [0, 2^53]";

    private Capacity(long bytes) => Bytes = bytes;

    /// <summary>The capacity in bytes.</summary>
    public long Bytes { get; }

    /// <summary>True for a capacity of zero bytes, in which no buffer fits.</summary>
    public bool IsZero => Bytes == 0;

    /// <summary>True when <paramref name="bytes"/> is a capacity: in [0, <see cref="MaxBytes"/>].</summary>
    public static bool IsValid(long bytes) => bytes is >= 0 and <= MaxBytes;

    /// <summary>The capacity of <paramref name="bytes"/> bytes, or false when it is outside [0, 2^53].</summary>
    public static bool TryCreate(long bytes, out Capacity capacity)
    {
        capacity = IsValid(bytes) ? new Capacity(bytes) : default;
        return IsValid(bytes);
    }

    /// <summary>The capacity of <paramref name="bytes"/> bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bytes"/> is outside [0, 2^53].</exception>
    public static Capacity Of(long bytes) =>
        TryCreate(bytes, out var capacity) ? capacity : throw new ArgumentOutOfRangeException(nameof(bytes), bytes, $"a capacity is {Expected}");

    /// <summary>
    /// Parses a setting's text: digits only (no sign, no separators, no units), blanks around them ignored.
    /// Otherwise <paramref name="error"/> is <see cref="DiagnosticCodes.InvalidCapacitySetting"/> naming <paramref name="setting"/> and the text.
    /// </summary>
    public static bool TryParse(string text, string setting, out Capacity capacity, [NotNullWhen(false)] out Diagnostic? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long bytes) && TryCreate(bytes, out capacity))
        {
            error = null;
            return true;
        }
        capacity = default;
        error = SettingError.Invalid(DiagnosticCodes.InvalidCapacitySetting, setting, text, Expected);
        return false;
    }

    /// <summary>The bytes, in the invariant culture.</summary>
    public override string ToString() => Bytes.ToString(CultureInfo.InvariantCulture);
}
