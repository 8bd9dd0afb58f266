using System;
using System.Collections.Concurrent;
using System.IO;
using System.Text;
using Scriban;

namespace VtdDsl.Generator.Emit;

/// <summary>
/// The Scriban templates, read from the assembly's embedded resources and parsed once per
/// process (the compiler server keeps the generator loaded across builds).
/// </summary>
internal static class TemplateCache
{
    private const string ResourcePrefix = "VtdDsl.Generator.Templates.";

    private static readonly ConcurrentDictionary<string, Lazy<Template>> Templates = new(StringComparer.Ordinal);

    /// <summary>The parsed template <c>Templates/{name}</c>; throws when it is missing or does not parse.</summary>
    public static Template Get(string name) =>
        Templates.GetOrAdd(name, key => new Lazy<Template>(() => Parse(key, ReadResource(key)))).Value;

    /// <summary>Parses template text, failing with the template's own error messages.</summary>
    public static Template Parse(string name, string text)
    {
        var template = Template.Parse(Normalize(text), name);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"Template {name} does not parse: {string.Join("; ", template.Messages)}");
        }
        return template;
    }

    private static string ReadResource(string name)
    {
        var assembly = typeof(TemplateCache).Assembly;
        using var stream = assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"Template {name} is not embedded in {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Line endings as '\n' whatever the checkout did, so output is the same everywhere.</summary>
    private static string Normalize(string text) => text.Replace("\r\n", "\n");
}
