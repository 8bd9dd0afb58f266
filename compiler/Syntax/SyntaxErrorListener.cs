using System.IO;
using System.Threading;
using Antlr4.Runtime;

namespace VtdDsl.Compiler.Syntax;

/// <summary>
/// Reports what ANTLR's lexer and parser find and the error strategy did not explain better:
/// an unexpected token (VTD0001) at the offending token, naming what was expected in the
/// language's words.
/// </summary>
internal sealed class SyntaxErrorListener : IAntlrErrorListener<IToken>, IAntlrErrorListener<int>
{
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
        string expected = recognizer is Parser parser ? TokenWords.Describe(parser.GetExpectedTokens()) : "something else";
        if (offendingSymbol is null)
        {
            var span = new SourceSpan(0, 0, line, charPositionInLine + 1, line, charPositionInLine + 1);
            Report(DiagnosticDescriptors.UnexpectedToken, span, "text", expected);
            return;
        }
        Report(DiagnosticDescriptors.UnexpectedToken, Spans.Of(offendingSymbol), TokenWords.Found(offendingSymbol), expected);
    }

    public void SyntaxError(TextWriter output, IRecognizer recognizer, int offendingSymbol, int line, int charPositionInLine, string msg, RecognitionException e)
    {
        var span = new SourceSpan(0, 0, line, charPositionInLine + 1, line, charPositionInLine + 1);
        Report(DiagnosticDescriptors.UnexpectedToken, span, "character", "a declaration");
    }

    public void Report(DiagnosticDescriptor descriptor, SourceSpan span, params object?[] arguments) =>
        _diagnostics.Add(Diagnostic.Create(descriptor, new SourceLocation(_filePath, span), arguments));

    public void Report(DiagnosticDescriptor descriptor, SourceSpan span, SourceSpan related, params object?[] arguments) =>
        _diagnostics.Add(Diagnostic.Create(descriptor, new SourceLocation(_filePath, span), new SourceLocation(_filePath, related), arguments));

    public void ReportWithSuggestion(DiagnosticDescriptor descriptor, SourceSpan span, string? suggestion, params object?[] arguments) =>
        _diagnostics.Add(Diagnostic.CreateWithSuggestion(descriptor, new SourceLocation(_filePath, span), suggestion, arguments));
}
