using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace VtdDsl.TableColumns;

/// <summary>
/// Derives every declaration of the compiled tables' columns from the one schema,
/// compiler/Layout/TableColumns.txt (an AdditionalFile). The build property <c>TableColumnsOutput</c>
/// (tools/table-columns/TableColumns.props) says what the project gets: <c>Layout</c>, <c>Runtime</c>
/// or <c>TableWriter</c> (several separated by ';'). A bad schema is reported (VTDSCHEMA001 to 005,
/// at the line), never thrown.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class TableColumnsGenerator : IIncrementalGenerator
{
    /// <summary>The schema's file name.</summary>
    public const string SchemaFileName = "TableColumns.txt";

    /// <summary>The build property naming the outputs.</summary>
    public const string OutputProperty = "build_property.TableColumnsOutput";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var schemas = context.AdditionalTextsProvider
            .Where(file => Path.GetFileName(file.Path) == SchemaFileName)
            .Select((file, cancellationToken) => (file.Path, Text: file.GetText(cancellationToken)?.ToString()))
            .Collect();
        var outputs = context.AnalyzerConfigOptionsProvider
            .Select((options, _) => options.GlobalOptions.TryGetValue(OutputProperty, out var value) ? value : string.Empty);
        context.RegisterSourceOutput(schemas.Combine(outputs), (production, input) => Generate(production, input.Left, input.Right));
    }

    private static void Generate(SourceProductionContext context, ImmutableArray<(string Path, string? Text)> schemas, string outputList)
    {
        try
        {
            string[] outputs = outputList.Split(';').Select(o => o.Trim()).Where(o => o.Length > 0).ToArray();
            if (outputs.Length == 0) return;
            if (schemas.Length != 1 || schemas[0].Text is null)
            {
                string why = schemas.Length == 0 ? $"no AdditionalFile is named {SchemaFileName}"
                    : schemas.Length > 1 ? $"{schemas.Length} AdditionalFiles are named {SchemaFileName}" : $"{schemas[0].Path} cannot be read";
                context.ReportDiagnostic(Diagnostic.Create(SchemaDiagnostics.NoSchema, Location.None, outputList, why));
                return;
            }
            var (path, text) = (schemas[0].Path, schemas[0].Text!);
            var problems = new List<SchemaProblem>();
            var schema = SchemaParser.Parse(text, problems);
            foreach (var problem in problems) context.ReportDiagnostic(ToDiagnostic(problem, path, text));
            foreach (string output in outputs)
            {
                var sources = Sources(schema, output, out bool known);
                foreach (var (hintName, source) in sources)
                {
                    context.CancellationToken.ThrowIfCancellationRequested();
                    context.AddSource(hintName, SourceText.From(source, System.Text.Encoding.UTF8));
                }
                if (!known) context.ReportDiagnostic(Diagnostic.Create(SchemaDiagnostics.UnknownOutput, Location.None, output));
            }
        }
        catch (System.OperationCanceledException)
        {
            throw;
        }
        catch (System.Exception exception)
        {
            context.ReportDiagnostic(Diagnostic.Create(SchemaDiagnostics.InternalError, Location.None, exception.GetType().Name + ": " + exception.Message));
        }
    }

    /// <summary>The files of one output (Layout, Runtime, TableWriter), by hint name.</summary>
    internal static IEnumerable<(string HintName, string Source)> Sources(Schema schema, string output, out bool known)
    {
        known = true;
        switch (output)
        {
            case "Layout":
                return new[] { ("PolicyLayout.Columns.g.cs", LayoutEmitter.PolicyLayout(schema)) };
            case "Runtime":
                return schema.Interfaces.Select(owner => (owner.Name + ".g.cs", RuntimeEmitter.Interface(owner)))
                    .Concat(new[]
                    {
                        ("PolicyTableArrays.Columns.g.cs", RuntimeEmitter.PolicyTableArrays(schema)),
                        ("ArrayPolicyTables.Columns.g.cs", RuntimeEmitter.ArrayPolicyTables(schema)),
                    }).ToArray();
            case "TableWriter":
                return new[] { ("TableWriter.Columns.g.cs", WriterEmitter.TableWriter(schema)) };
            default:
                known = false;
                return Enumerable.Empty<(string, string)>();
        }
    }

    private static Diagnostic ToDiagnostic(SchemaProblem problem, string path, string text)
    {
        var source = SourceText.From(text);
        int lineIndex = System.Math.Min(problem.Line - 1, source.Lines.Count - 1);
        var line = source.Lines[lineIndex];
        int start = System.Math.Min(line.Start + problem.Column - 1, line.End);
        int end = System.Math.Min(start + problem.Length, line.End);
        var span = TextSpan.FromBounds(start, end);
        var location = Location.Create(path, span, source.Lines.GetLinePositionSpan(span));
        return Diagnostic.Create(problem.Descriptor, location, problem.Message);
    }
}
