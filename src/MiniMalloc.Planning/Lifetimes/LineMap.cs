namespace MiniMalloc.Planning;

/// <summary>
/// Maps byte offsets of a UTF-8 text to 1-based lines and columns. System.Text.Json reports 0-based byte
/// positions; editors and MSBuild want 1-based columns counted in (UTF-16) characters, which differ as soon as
/// a line holds a non-ASCII character before the position.
/// </summary>
internal sealed class LineMap
{
    private readonly byte[] _text;
    private readonly int _start;
    private readonly List<int> _lineStarts = [];

    // The last position located: tokens are located in increasing order, so counting characters from there
    // keeps a whole file linear even when it is one long line (minified JSON from another tool).
    private int _cachedLine = -1;
    private int _cachedOffset;
    private int _cachedCharacters;

    /// <summary>Indexes the lines of <paramref name="text"/> from <paramref name="start"/> (after a byte order mark).</summary>
    public LineMap(byte[] text, int start)
    {
        _text = text;
        _start = start;
        _lineStarts.Add(start);
        int index = start;
        while (index < text.Length)
        {
            int newline = Array.IndexOf(text, (byte)'\n', index);
            if (newline < 0) break;
            _lineStarts.Add(newline + 1);
            index = newline + 1;
        }
    }

    /// <summary>Line and column of the byte at <paramref name="offset"/> (relative to the start given to the constructor).</summary>
    public (int Line, int Column) Locate(long offset)
    {
        long absolute = Math.Clamp(_start + offset, _start, _text.Length);
        int line = _lineStarts.BinarySearch((int)absolute);
        if (line < 0) line = ~line - 1;
        int from = _lineStarts[line], characters = 0;
        if (line == _cachedLine && absolute >= _cachedOffset)
        {
            from = _cachedOffset;
            characters = _cachedCharacters;
        }
        characters += CountCharacters(from, (int)absolute);
        (_cachedLine, _cachedOffset, _cachedCharacters) = (line, (int)absolute, characters);
        return (line + 1, characters + 1);
    }

    /// <summary>Line and column of a 0-based line and byte position within it (as in a <see cref="System.Text.Json.JsonException"/>).</summary>
    public (int Line, int Column) Locate(long lineIndex, long bytePositionInLine)
    {
        if (lineIndex < 0 || lineIndex >= _lineStarts.Count) return (0, 0);
        int lineStart = _lineStarts[(int)lineIndex];
        return Locate(lineStart - _start + bytePositionInLine);
    }

    // UTF-16 code units between two byte offsets: one per lead byte, two for a 4-byte sequence (a surrogate pair).
    private int CountCharacters(int from, int to)
    {
        int count = 0;
        for (int i = from; i < to; i++)
        {
            byte b = _text[i];
            if ((b & 0xC0) == 0x80) continue;
            count += b >= 0xF0 ? 2 : 1;
        }
        return count;
    }
}
