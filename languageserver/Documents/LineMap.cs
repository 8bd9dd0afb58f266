using VtdDsl.Compiler.Text;

namespace VtdDsl.LanguageServer.Documents;

/// <summary>
/// Converts between character offsets of a text and LSP positions. C# strings are UTF-16, so an
/// offset already counts UTF-16 code units, as LSP positions do (announced as <c>utf-16</c>).
/// Lines end at <c>\n</c>, <c>\r\n</c> or <c>\r</c>, as LSP says.
/// </summary>
public sealed class LineMap
{
    private readonly List<int> _lineStarts = new() { 0 };
    private readonly int _length;
    private readonly string _text;

    public LineMap(string text)
    {
        _text = text;
        _length = text.Length;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
                _lineStarts.Add(i + 1);
            }
            else if (c == '\n' || c == '\r')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    /// <summary>Number of lines (a text ending in a line break has an empty last line).</summary>
    public int LineCount => _lineStarts.Count;

    public Position PositionOf(int offset)
    {
        if (offset < 0) offset = 0;
        if (offset > _length) offset = _length;
        int line = LineOf(offset);
        return new Position(line, offset - _lineStarts[line]);
    }

    /// <summary>The offset of a position, or null when the position lies past the end of its line or of the text.</summary>
    public int? OffsetOf(Position position)
    {
        if (position.Line < 0 || position.Character < 0 || position.Line >= _lineStarts.Count)
        {
            return null;
        }
        int start = _lineStarts[position.Line];
        int end = position.Line + 1 < _lineStarts.Count ? LineContentEnd(position.Line) : _length;
        int offset = start + position.Character;
        return offset <= end ? offset : null;
    }

    /// <summary>The offset of a position, clamped into the text (for edits, which LSP lets run past a line's end).</summary>
    public int ClampedOffsetOf(Position position)
    {
        if (position.Line < 0) return 0;
        if (position.Line >= _lineStarts.Count) return _length;
        int start = _lineStarts[position.Line];
        int end = position.Line + 1 < _lineStarts.Count ? LineContentEnd(position.Line) : _length;
        long offset = (long)start + System.Math.Max(0, position.Character);
        return (int)System.Math.Min(offset, end);
    }

    public Range RangeOf(SourceSpan span) => new(PositionOf(span.Start), PositionOf(span.End));

    public Range RangeOf(int start, int end) => new(PositionOf(start), PositionOf(end));

    /// <summary>The end of a line's content, before its line break (<c>\r\n</c> counted as one break).</summary>
    private int LineContentEnd(int line)
    {
        int next = _lineStarts[line + 1];
        return next >= 2 && _text[next - 2] == '\r' && _text[next - 1] == '\n' ? next - 2 : next - 1;
    }

    private int LineOf(int offset)
    {
        int low = 0, high = _lineStarts.Count - 1;
        while (low < high)
        {
            int middle = (low + high + 1) / 2;
            if (_lineStarts[middle] <= offset) low = middle;
            else high = middle - 1;
        }
        return low;
    }
}
