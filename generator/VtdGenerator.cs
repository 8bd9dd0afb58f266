using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using VtdDsl.Generator.Emit;
using VtdDsl.Generator.Model;
using VtdDsl.Compiler;
using VtdDsl.Compiler.Collections;

namespace VtdDsl.Generator;

/// <summary>
/// Compiles every <c>.vtd</c> AdditionalFile into a policy type (<c>{Namespace}.{TypeName}.g.cs</c>, its
/// tables beside it in <c>{Namespace}.{TypeName}.Tables.g.cs</c>)
/// and reports the spec's diagnostics in the <c>.vtd</c> file.
/// </summary>
/// <remarks>
/// Pipeline (each step cached by value; no symbols, compilations or Roslyn diagnostics in it):
/// VtdFiles (path, text) → Compiled (the core's result) → Model (with the cross-file VTD1004 from
/// DuplicatePolicies, a collected list of the names two files declare) → Diagnostics and Source,
/// two outputs, so a change to one does not redo the other.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class VtdGenerator : IIncrementalGenerator
{
    private readonly Func<PolicySource, CancellationToken, EmittedPolicy> _emit;

    public VtdGenerator()
        : this(PolicyEmitter.Default.Emit)
    {
    }

    /// <summary>For tests: an emitter to use instead of the template (for example one that throws).</summary>
    internal VtdGenerator(Func<PolicySource, CancellationToken, EmittedPolicy> emit) => _emit = emit;

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var emitOptions = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => EmitOptions.From(options.GlobalOptions))
            .WithTrackingName(TrackingNames.EmitOptions);

        var files = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".vtd", StringComparison.OrdinalIgnoreCase))
            .Select(static (text, cancellationToken) => new VtdFile(text.Path, text.GetText(cancellationToken)?.ToString()))
            .WithTrackingName(TrackingNames.VtdFiles);

        var compiled = files
            .Select(static (file, cancellationToken) => Compile(file, cancellationToken))
            .WithTrackingName(TrackingNames.Compiled);

        var duplicates = compiled
            .Select(static (result, _) => DuplicatePolicies.ClaimOf(result))
            .Collect()
            .Select(static (claims, _) => DuplicatePolicies.Owners(claims))
            .WithTrackingName(TrackingNames.DuplicatePolicies);

        var models = compiled
            .Combine(duplicates)
            .Combine(emitOptions)
            .Select(static (input, cancellationToken) => BuildModel(input.Left.Left, input.Left.Right, input.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Model);

        var diagnostics = models
            .Select(static (model, _) => model.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        var sources = models
            .Select(static (model, _) => model.Source)
            .Where(static source => source is not null)
            .WithTrackingName(TrackingNames.Source);

        context.RegisterSourceOutput(diagnostics, static (output, file) => Report(output, file));
        context.RegisterSourceOutput(sources, (output, source) => Emit(output, source!));
    }

    private static CompilationResult Compile(VtdFile file, CancellationToken cancellationToken)
    {
        if (file.Text is null)
        {
            var unreadable = VtdCompiler.InternalError(file.Path, new System.IO.IOException($"The file '{file.Path}' could not be read."));
            return new CompilationResult(file.Path, null, EquatableArray.Create(unreadable), 0, null);
        }
        return VtdCompiler.Compile(file.Path, file.Text, cancellationToken);
    }

    private static PolicyModel BuildModel(
        CompilationResult result, EquatableArray<PolicyClaim> duplicates, EmitOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return ModelBuilder.Build(DuplicatePolicies.Apply(result, duplicates), options, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var error = VtdCompiler.InternalError(result.FilePath, exception);
            return new PolicyModel(new FileDiagnostics(result.FilePath, EquatableArray.Create(error), 0), null);
        }
    }

    private static void Report(SourceProductionContext output, FileDiagnostics file)
    {
        foreach (var diagnostic in file.Items)
        {
            output.CancellationToken.ThrowIfCancellationRequested();
            output.ReportDiagnostic(GeneratorDiagnostics.ToRoslyn(diagnostic));
        }
    }

    private void Emit(SourceProductionContext output, PolicySource source)
    {
        try
        {
            var emitted = _emit(source, output.CancellationToken);
            output.AddSource(source.HintName, SourceText.From(emitted.Api, System.Text.Encoding.UTF8));
            output.AddSource(PolicyView.TablesHintName(source.HintName), SourceText.From(emitted.Tables, System.Text.Encoding.UTF8));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Never let an exception reach Roslyn (CS8785, and the whole generator's output lost).
            output.ReportDiagnostic(GeneratorDiagnostics.ToRoslyn(VtdCompiler.InternalError(source.FilePath, exception)));
        }
    }
}
