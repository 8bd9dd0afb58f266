using System.Linq;
using System.Text;

namespace VtdDsl.Compiler.Navigation;

/// <summary>Replace the text of a span (an empty span inserts).</summary>
public sealed record TextChange(int Start, int Length, string NewText);

/// <summary>An edit that resolves a diagnostic. <see cref="IsPreferred"/> when it is very likely what was meant.</summary>
public sealed record QuickFix(string Title, bool IsPreferred, IReadOnlyList<TextChange> Changes);

/// <summary>
/// Quick fixes for diagnostics: an unknown name (the closest declared name of its kind), a
/// window that is not 4 KiB aligned (VTD3001), memory two domains write without both saying
/// <c>shared</c> (VTD3008), and a domain without devices (VTD2007).
/// </summary>
public static class QuickFixes
{
    private const ulong Page = 4096;

    public static IReadOnlyList<QuickFix> For(AnalyzedDocument document, Diagnostic diagnostic)
    {
        var policy = document.Compilation.Policy;
        if (policy is null) return Array.Empty<QuickFix>();
        var span = diagnostic.Location.Span;
        return diagnostic.Id switch
        {
            "VTD1002" or "VTD1003" or "VTD6005" => UnknownName(document, diagnostic),
            "VTD3001" => FindWindow(policy, span) is { } window ? Align(window) : Array.Empty<QuickFix>(),
            "VTD3008" => MarkShared(policy, diagnostic),
            "VTD2007" => policy.Domains.FirstOrDefault(d => d.NameSpan == span) is { } domain ? RemoveDomain(document.Text, domain) : Array.Empty<QuickFix>(),
            _ => Array.Empty<QuickFix>(),
        };
    }

    /// <summary>The compiler's own "did you mean" (<see cref="Diagnostic.Suggestion"/>), put in place of the unknown name.</summary>
    private static IReadOnlyList<QuickFix> UnknownName(AnalyzedDocument document, Diagnostic diagnostic)
    {
        if (diagnostic.Suggestion is not { } suggestion ||
            document.Names.At(diagnostic.Location.Span.Start) is not { IsDeclaration: false, Declaration: null } occurrence)
        {
            return Array.Empty<QuickFix>();
        }
        return new[]
        {
            new QuickFix($"Change '{occurrence.Name}' to {occurrence.Kind.Describe()} '{suggestion}'", true,
                new[] { new TextChange(occurrence.Span.Start, occurrence.Span.Length, suggestion) }),
        };
    }

    private static Window? FindWindow(Policy policy, SourceSpan span) =>
        policy.Domains.SelectMany(d => d.Windows).FirstOrDefault(w => w.Span == span);

    private static IReadOnlyList<QuickFix> Align(Window window)
    {
        ulong iova = window.Iova & ~(Page - 1);
        ulong host = window.HostAddress & ~(Page - 1);
        ulong lead = Math.Max(window.Iova - iova, window.HostAddress - host);
        ulong size = lead + window.Size;
        if (size < window.Size || size > ulong.MaxValue - (Page - 1)) return Array.Empty<QuickFix>();
        size = (size + Page - 1) & ~(Page - 1);
        var text = new StringBuilder();
        if (window.IsIdentity)
        {
            text.Append("identity ").Append(Reports.Format.Hex(host));
        }
        else
        {
            text.Append("map ").Append(Reports.Format.Hex(iova));
        }
        text.Append(" size ").Append(SizeLiteral(size));
        if (!window.IsIdentity) text.Append(" -> ").Append(Reports.Format.Hex(host));
        text.Append(' ').Append(window.Rights.ToKeywords());
        if (window.Shared) text.Append(" shared");
        text.Append(';');
        return new[]
        {
            new QuickFix("Align the window to 4 KiB pages (widen it to whole pages)", true,
                new[] { new TextChange(window.Span.Start, window.Span.Length, text.ToString()) }),
        };
    }

    /// <summary><c>8KiB</c>, <c>2MiB</c>: the largest unit that divides the size exactly.</summary>
    private static string SizeLiteral(ulong size)
    {
        string[] units = { "KiB", "MiB", "GiB", "TiB" };
        ulong value = size / 1024;
        int unit = 0;
        while (unit < units.Length - 1 && value % 1024 == 0)
        {
            value /= 1024;
            unit++;
        }
        return value.ToString(System.Globalization.CultureInfo.InvariantCulture) + units[unit];
    }

    private static IReadOnlyList<QuickFix> MarkShared(Policy policy, Diagnostic diagnostic)
    {
        var windows = new List<Window>();
        if (FindWindow(policy, diagnostic.Location.Span) is { } later) windows.Add(later);
        foreach (var related in diagnostic.RelatedLocations)
        {
            if (FindWindow(policy, related.Span) is { } earlier) windows.Add(earlier);
        }
        var changes = windows
            .Where(w => !w.Shared)
            .Distinct()
            .Select(w => new TextChange(w.Span.End - 1, 0, " shared"))
            .OrderBy(c => c.Start)
            .ToList();
        if (windows.Count < 2 || changes.Count == 0) return Array.Empty<QuickFix>();
        return new[] { new QuickFix("Mark both windows 'shared' (the memory is shared on purpose)", false, changes) };
    }

    private static IReadOnlyList<QuickFix> RemoveDomain(string text, Domain domain)
    {
        int start = domain.Span.Start;
        int end = domain.Span.End;
        // Take the rest of the line (spaces, a trailing comment stays with nothing to describe) and its line break.
        while (end < text.Length && (text[end] == ' ' || text[end] == '\t')) end++;
        if (end < text.Length && text[end] == '\r') end++;
        if (end < text.Length && text[end] == '\n') end++;
        // Start at the beginning of the line when only indentation precedes the declaration.
        int lineStart = start;
        while (lineStart > 0 && (text[lineStart - 1] == ' ' || text[lineStart - 1] == '\t')) lineStart--;
        if (lineStart == 0 || text[lineStart - 1] == '\n') start = lineStart;
        // Do not leave two blank lines where the declaration stood between two.
        if (IsBlankLineAt(text, end) && (start == 0 || IsBlankLineBefore(text, start)))
        {
            end = EndOfLine(text, end);
        }
        return new[] { new QuickFix($"Remove the empty domain '{domain.Name}'", false, new[] { new TextChange(start, end - start, string.Empty) }) };
    }

    private static bool IsBlankLineAt(string text, int offset)
    {
        for (int i = offset; i < text.Length; i++)
        {
            if (text[i] == '\n') return true;
            if (text[i] is not (' ' or '\t' or '\r')) return false;
        }
        return false;
    }

    private static bool IsBlankLineBefore(string text, int lineStart)
    {
        if (lineStart < 1) return true;
        int i = lineStart - 2;
        while (i >= 0 && text[i] is ' ' or '\t' or '\r') i--;
        return i < 0 || text[i] == '\n';
    }

    private static int EndOfLine(string text, int offset)
    {
        int newline = text.IndexOf('\n', offset);
        return newline < 0 ? text.Length : newline + 1;
    }
}
