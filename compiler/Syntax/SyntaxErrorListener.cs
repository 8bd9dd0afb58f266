using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using Antlr4.Runtime;
using VtdDsl.Compiler.Diagnostics;
using VtdDsl.Compiler.Text;

namespace VtdDsl.Compiler.Syntax;

/// <summary>Turns ANTLR's syntax errors into VTD0001 diagnostics at the offending token.</summary>
internal sealed class SyntaxErrorListener : IAntlrErrorListener<IToken>, IAntlrErrorListener<int>
{
    private static readonly Regex TokenNames = new(@"\b(PCI_ID|SIZE_LITERAL|NUMBER|NAME|EOF)\b|<EOF>", RegexOptions.CultureInvariant);

    private readonly string _filePath;
    private readonly DiagnosticBag _diagnostics;
    private readonly CancellationToken _cancellationToken;

    public SyntaxErrorListener(string filePath, DiagnosticBag diagnostics, CancellationToken cancellationToken)
    {
        _filePath = filePath;
        _diagnostics = diagnostics;
        _cancellationToken = cancellationToken;
    }

    public void SyntaxError(TextWriter output, IRecognizer recognizer, IToken offendingSymbol, int line, int charPositionInLine, string msg, RecognitionException e)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (offendingSymbol is null)
        {
            var span = new SourceSpan(0, 0, line, charPositionInLine + 1, line, charPositionInLine + 1);
            _diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.SyntaxError, new SourceLocation(_filePath, span), Friendly(msg)));
            return;
        }
        Report(offendingSymbol, Friendly(msg));
    }

    public void SyntaxError(TextWriter output, IRecognizer recognizer, int offendingSymbol, int line, int charPositionInLine, string msg, RecognitionException e)
    {
        var span = new SourceSpan(0, 0, line, charPositionInLine + 1, line, charPositionInLine + 1);
        _diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.SyntaxError, new SourceLocation(_filePath, span), msg));
    }

    public void Report(IToken token, string message) =>
        _diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.SyntaxError, new SourceLocation(_filePath, Spans.Of(token)), message));

    /// <summary>ANTLR names tokens by their grammar rules; users know them as words.</summary>
    private static string Friendly(string message)
    {
        string text = TokenNames.Replace(message, match => match.Value switch
        {
            "PCI_ID" => "source id",
            "SIZE_LITERAL" => "size",
            "NUMBER" => "number",
            "NAME" => "name",
            _ => "end of file",
        });
        return text.Length > 0 ? char.ToUpperInvariant(text[0]) + text.Substring(1) : text;
    }
}
