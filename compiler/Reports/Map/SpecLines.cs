using System.Globalization;

namespace VtdDsl.Compiler.Reports.Map;

/// <summary>The lines of a spec's text, so each element of the map can quote the line it comes from.</summary>
public sealed class SpecLines
{
    private readonly string[] _lines;

    public SpecLines(string filePath, string text)
    {
        FilePath = filePath;
        _lines = text.Replace("\r\n", "\n").Split('\n');
    }

    public string FilePath { get; }

    /// <summary><c>specs/two-vm.vtd:27: map 0x0 size 2GiB -&gt; 0x1_0000_0000 read write;</c> (comments and indentation dropped).</summary>
    public string Quote(SourceSpan span)
    {
        string where = FilePath + ":" + span.Line.ToString(CultureInfo.InvariantCulture);
        if (span.Line < 1 || span.Line > _lines.Length) return where;
        string line = _lines[span.Line - 1];
        int comment = line.IndexOf("//", StringComparison.Ordinal);
        if (comment >= 0) line = line.Substring(0, comment);
        return where + ": " + line.Trim();
    }

    /// <summary>Quotes several spans, one line each, without repeating a line.</summary>
    public string Quote(IEnumerable<SourceSpan> spans)
    {
        var seen = new HashSet<int>();
        var lines = new List<string>();
        foreach (var span in spans)
        {
            if (seen.Add(span.Line)) lines.Add(Quote(span));
        }
        return string.Join("\n", lines);
    }
}
