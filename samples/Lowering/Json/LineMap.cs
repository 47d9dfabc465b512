namespace Lowering.Json;

/// <summary>Turns byte offsets of a UTF-8 document into 1-based line and character column.</summary>
internal sealed class LineMap
{
    private readonly byte[] _utf8;
    private readonly List<int> _lineStarts = [0];

    public LineMap(byte[] utf8)
    {
        _utf8 = utf8;
        for (int i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public (int Line, int Column) At(long byteOffset)
    {
        int index = _lineStarts.BinarySearch((int)Math.Min(byteOffset, _utf8.Length));
        int line = index >= 0 ? index : ~index - 1;
        int column = 1;
        for (long i = _lineStarts[line]; i < byteOffset && i < _utf8.Length; i++)
        {
            // Count characters, not bytes: UTF-8 continuation bytes do not start a new column.
            if ((_utf8[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (line + 1, column);
    }
}
