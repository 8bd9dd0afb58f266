using System.Threading;
using Scriban;
using Scriban.Runtime;
using VtdDsl.Generator.Model;

namespace VtdDsl.Generator.Emit;

/// <summary>The two generated files of one policy: the API (<c>X.g.cs</c>) and the tables (<c>X.Tables.g.cs</c>).</summary>
internal sealed record EmittedPolicy(string Api, string Tables);

/// <summary>Renders the C# of one policy: the API from <c>Templates/Policy.sbn</c>, the tables with <see cref="TableWriter"/>.</summary>
internal sealed class PolicyEmitter
{
    public const string TemplateName = "Policy.sbn";

    /// <summary>The emitter over the embedded template.</summary>
    public static PolicyEmitter Default { get; } = new(null);

    private readonly Template? _template;

    /// <param name="template">A template to use instead of the embedded one (tests).</param>
    public PolicyEmitter(Template? template) => _template = template;

    public EmittedPolicy Emit(PolicySource source, CancellationToken cancellationToken)
    {
        var template = _template ?? TemplateCache.Get(TemplateName);
        var globals = new ScriptObject();
        globals.Import(PolicyView.Create(source, cancellationToken));
        var context = new TemplateContext
        {
            StrictVariables = true,
            LoopLimit = 0,            // a policy may have 65,536 devices
            LimitToString = 0,        // and tables of megabytes
            OutputLimit = 0,
            AutoIndent = false,
            NewLine = "\n",
            CancellationToken = cancellationToken,
        };
        context.PushGlobal(globals);
        string api = template.Render(context);
        cancellationToken.ThrowIfCancellationRequested();
        return new EmittedPolicy(api, TableWriter.Write(source, PolicyView.GeneratorVersionText, cancellationToken));
    }
}
