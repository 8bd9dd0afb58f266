using System.Globalization;
using System.Text;

namespace VtdDsl.Compiler.Diagnostics;

/// <summary>
/// One diagnostic the compiler can report: stable id, default severity, message format and
/// the help text shown in the catalogue and in SARIF rules.
/// </summary>
/// <remarks>
/// The message format names its holes: <c>Domain '{domain}' is not declared{didYouMean}</c>.
/// A hole may carry a .NET format (<c>0x{base:X}</c>). Callers pass values for the holes in
/// order of first appearance; two holes are filled by the compiler itself: <c>{otherLine}</c>
/// (the line of the related location, the other half of a clash) and <c>{didYouMean}</c>
/// (<c>; did you mean `name`?</c> when the diagnostic carries a suggestion, else nothing).
/// </remarks>
public sealed class DiagnosticDescriptor
{
    /// <summary>Filled from the related location: the line of the other half of a clash.</summary>
    public const string OtherLineHole = "otherLine";

    /// <summary>Filled from <see cref="Diagnostic.Suggestion"/>.</summary>
    public const string DidYouMeanHole = "didYouMean";

    public DiagnosticDescriptor(string id, string title, string messageFormat, DiagnosticSeverity defaultSeverity, string category, string helpText)
    {
        Id = id;
        Title = title;
        MessageFormat = messageFormat;
        DefaultSeverity = defaultSeverity;
        Category = category;
        HelpText = helpText;
        Holes = MessageHoles.Parse(messageFormat);
    }

    public string Id { get; }
    public string Title { get; }

    /// <summary>The message with named holes, e.g. <c>Domain '{domain}' is not declared{didYouMean}</c>.</summary>
    public string MessageFormat { get; }

    public DiagnosticSeverity DefaultSeverity { get; }
    public string Category { get; }
    public string HelpText { get; }

    /// <summary>The holes of <see cref="MessageFormat"/>, in order of first appearance.</summary>
    public IReadOnlyList<MessageHole> Holes { get; }

    /// <summary>Syntax errors cannot be silenced or downgraded.</summary>
    public bool IsConfigurable => Category != DiagnosticCategories.Syntax && Id != "VTD9999";

    /// <summary>The catalogue entry of this id (docs/diagnostics.md), an absolute URL.</summary>
    public string HelpUri => DiagnosticCatalogue.EntryUrl(Id);

    /// <summary>
    /// <see cref="MessageFormat"/> with positional holes (<c>{0}</c>, <c>{1}</c>…) in the order of
    /// <see cref="Holes"/>, for hosts such as Roslyn that format messages themselves from the
    /// already formatted <see cref="Diagnostic.Arguments"/>.
    /// </summary>
    public string PositionalFormat => MessageHoles.Positional(MessageFormat, Holes);

    /// <summary>Whether the caller supplies the hole (the others are filled by the compiler).</summary>
    public static bool IsCallerHole(string name) => name != OtherLineHole && name != DidYouMeanHole;

    /// <summary>
    /// The text of every hole, in the order of <see cref="Holes"/>: caller values in order,
    /// <c>{otherLine}</c> from <paramref name="related"/>, <c>{didYouMean}</c> from
    /// <paramref name="suggestion"/>. Missing caller values read as empty (never throws).
    /// </summary>
    public string[] FormatArguments(object?[] callerValues, int? relatedLine, string? suggestion)
    {
        var texts = new string[Holes.Count];
        int next = 0;
        for (int i = 0; i < Holes.Count; i++)
        {
            var hole = Holes[i];
            texts[i] = hole.Name switch
            {
                OtherLineHole => relatedLine?.ToString(CultureInfo.InvariantCulture) ?? "?",
                DidYouMeanHole => suggestion is null ? string.Empty : "; did you mean `" + suggestion + "`?",
                _ => next < callerValues.Length ? Text(callerValues[next++], hole.Format) : string.Empty,
            };
        }
        return texts;
    }

    /// <summary>The message with every hole filled by the texts from <see cref="FormatArguments"/>.</summary>
    public string Render(IReadOnlyList<string> arguments) => MessageHoles.Render(MessageFormat, arguments);

    private static string Text(object? value, string? format) => value switch
    {
        null => string.Empty,
        IFormattable formattable when format is not null => formattable.ToString(format, CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}

/// <summary>One named hole of a message format: <c>{base:X}</c> is named <c>base</c> with format <c>X</c>.</summary>
public readonly record struct MessageHole(string Name, string? Format);

/// <summary>Reads and fills the named holes of message formats (<c>{{</c> and <c>}}</c> are literal braces).</summary>
internal static class MessageHoles
{
    public static IReadOnlyList<MessageHole> Parse(string format)
    {
        var holes = new List<MessageHole>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Walk(format, (name, spec) =>
        {
            if (seen.Add(name)) holes.Add(new MessageHole(name, spec));
            return string.Empty;
        }, _ => { });
        return holes;
    }

    public static string Positional(string format, IReadOnlyList<MessageHole> holes)
    {
        var text = new StringBuilder();
        Walk(format, (name, _) =>
        {
            int index = IndexOf(holes, name);
            text.Append('{').Append(index.ToString(CultureInfo.InvariantCulture)).Append('}');
            return string.Empty;
        }, literal => text.Append(literal == '{' ? "{{" : literal == '}' ? "}}" : literal.ToString()));
        return text.ToString();
    }

    public static string Render(string format, IReadOnlyList<string> arguments)
    {
        var holes = Parse(format);
        var text = new StringBuilder();
        Walk(format, (name, _) =>
        {
            int index = IndexOf(holes, name);
            text.Append(index < arguments.Count ? arguments[index] : string.Empty);
            return string.Empty;
        }, literal => text.Append(literal));
        return text.ToString();
    }

    private static int IndexOf(IReadOnlyList<MessageHole> holes, string name)
    {
        for (int i = 0; i < holes.Count; i++)
        {
            if (holes[i].Name == name) return i;
        }
        return -1;
    }

    private static void Walk(string format, Func<string, string?, string> hole, Action<char> literal)
    {
        for (int i = 0; i < format.Length; i++)
        {
            char c = format[i];
            if ((c == '{' || c == '}') && i + 1 < format.Length && format[i + 1] == c)
            {
                literal(c);
                i++;
                continue;
            }
            if (c == '{')
            {
                int end = format.IndexOf('}', i + 1);
                if (end < 0) throw new FormatException("Unclosed hole in message format: " + format);
                string body = format.Substring(i + 1, end - i - 1);
                int colon = body.IndexOf(':');
                hole(colon < 0 ? body : body.Substring(0, colon), colon < 0 ? null : body.Substring(colon + 1));
                i = end;
                continue;
            }
            if (c == '}') throw new FormatException("Unbalanced '}' in message format: " + format);
            literal(c);
        }
    }
}

public static class DiagnosticCategories
{
    public const string Syntax = "VtdDsl.Syntax";
    public const string Names = "VtdDsl.Names";
    public const string Domains = "VtdDsl.Domains";
    public const string Windows = "VtdDsl.Windows";
    public const string Devices = "VtdDsl.Devices";
    public const string Interrupts = "VtdDsl.Interrupts";
    public const string Scalable = "VtdDsl.ScalableMode";
    public const string Platform = "VtdDsl.Platform";
    public const string Compiler = "VtdDsl.Compiler";
}
