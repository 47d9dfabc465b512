using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MiniMalloc.Planning;

/// <summary>
/// A buffer alignment in bytes: a power of two in [1, 2^30]. The one place this rule is written; the lifetimes
/// reader checks the file's alignments with it too (there with its own input code, <see cref="DiagnosticCodes.InvalidAlignment"/>).
/// The default value is an alignment of 1 (none).
/// </summary>
internal readonly record struct Alignment
{
    /// <summary>The largest alignment: 2^30 (<see cref="LifetimesLimits.MaxAlignment"/>).</summary>
    public const long MaxBytes = LifetimesLimits.MaxAlignment;

    /// <summary>What an alignment must be, for messages.</summary>
    public const string Expected = "a power of two in [1, 2^30]";

    // Stored as the exponent, so that the default value is a valid alignment (1) and equal alignments compare equal.
    private readonly byte _log2;

    private Alignment(long bytes) => _log2 = (byte)long.Log2(bytes);

    /// <summary>The alignment in bytes.</summary>
    public long Bytes => 1L << _log2;

    /// <summary>No alignment: 1 byte.</summary>
    public static Alignment None => default;

    /// <summary>True when <paramref name="bytes"/> is an alignment: a power of two in [1, <see cref="MaxBytes"/>].</summary>
    public static bool IsValid(long bytes) => bytes is >= 1 and <= MaxBytes && long.IsPow2(bytes);

    /// <summary>The alignment of <paramref name="bytes"/> bytes, or false when it is not a power of two in [1, 2^30].</summary>
    public static bool TryCreate(long bytes, out Alignment alignment)
    {
        alignment = IsValid(bytes) ? new Alignment(bytes) : default;
        return IsValid(bytes);
    }

    /// <summary>The alignment of <paramref name="bytes"/> bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bytes"/> is not a power of two in [1, 2^30].</exception>
    public static Alignment Of(long bytes) =>
        TryCreate(bytes, out var alignment) ? alignment : throw new ArgumentOutOfRangeException(nameof(bytes), bytes, $"an alignment is {Expected}");

    /// <summary>
    /// Parses a setting's text (digits only, blanks around them ignored); otherwise <paramref name="error"/> is
    /// <see cref="DiagnosticCodes.InvalidAlignmentSetting"/> naming <paramref name="setting"/> and the text.
    /// </summary>
    public static bool TryParse(string text, string setting, out Alignment alignment, [NotNullWhen(false)] out Diagnostic? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long bytes) && TryCreate(bytes, out alignment))
        {
            error = null;
            return true;
        }
        alignment = default;
        error = SettingError.Invalid(DiagnosticCodes.InvalidAlignmentSetting, setting, text, Expected);
        return false;
    }

    /// <summary>The bytes, in the invariant culture.</summary>
    public override string ToString() => Bytes.ToString(CultureInfo.InvariantCulture);
}
