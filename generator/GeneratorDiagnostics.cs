using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using VtdDsl.Compiler.Text;
using static Microsoft.CodeAnalysis.DiagnosticSeverity;
using static VtdDsl.Compiler.Diagnostics.DiagnosticCategories;
using Core = VtdDsl.Compiler.Diagnostics;

namespace VtdDsl.Generator;

/// <summary>
/// The one place that maps the compiler core's diagnostics to Roslyn's. Each id is written out
/// here so the analyzer release tracking (AnalyzerReleases.*.md, RS2000–RS2008) can check it;
/// title, message format (its named holes made positional), help text and help link come from
/// <see cref="Core.DiagnosticDescriptors.All"/>, and a test keeps ids, categories, severities and
/// configurability equal to that catalogue. Syntax errors and
/// VTD9999 are not configurable. Used only in output callbacks: pipeline values carry the core's
/// equatable records, never a Roslyn <see cref="Diagnostic"/>.
/// </summary>
internal static class GeneratorDiagnostics
{
    private static readonly string[] Configurable = Array.Empty<string>();
    private static readonly string[] NotConfigurable = { WellKnownDiagnosticTags.NotConfigurable };

    private static readonly Dictionary<string, Core.DiagnosticDescriptor> Catalogue = CatalogueById();

    public static readonly DiagnosticDescriptor VTD0001 = Create("VTD0001", Syntax, Error, NotConfigurable);
    public static readonly DiagnosticDescriptor VTD0002 = Create("VTD0002", Syntax, Error, NotConfigurable);
    public static readonly DiagnosticDescriptor VTD0003 = Create("VTD0003", Syntax, Error, NotConfigurable);
    public static readonly DiagnosticDescriptor VTD0004 = Create("VTD0004", Syntax, Error, NotConfigurable);
    public static readonly DiagnosticDescriptor VTD0005 = Create("VTD0005", Syntax, Error, NotConfigurable);
    public static readonly DiagnosticDescriptor VTD0006 = Create("VTD0006", Syntax, Error, NotConfigurable);
    public static readonly DiagnosticDescriptor VTD0007 = Create("VTD0007", Syntax, Error, NotConfigurable);
    public static readonly DiagnosticDescriptor VTD0008 = Create("VTD0008", Syntax, Error, NotConfigurable);
    public static readonly DiagnosticDescriptor VTD0009 = Create("VTD0009", Syntax, Error, NotConfigurable);
    public static readonly DiagnosticDescriptor VTD0010 = Create("VTD0010", Syntax, Error, NotConfigurable);
    public static readonly DiagnosticDescriptor VTD0011 = Create("VTD0011", Syntax, Error, NotConfigurable);
    public static readonly DiagnosticDescriptor VTD0012 = Create("VTD0012", Syntax, Error, NotConfigurable);
    public static readonly DiagnosticDescriptor VTD0013 = Create("VTD0013", Syntax, Error, NotConfigurable);
    public static readonly DiagnosticDescriptor VTD0014 = Create("VTD0014", Syntax, Error, NotConfigurable);
    public static readonly DiagnosticDescriptor VTD0015 = Create("VTD0015", Syntax, Error, NotConfigurable);
    public static readonly DiagnosticDescriptor VTD0016 = Create("VTD0016", Syntax, Error, NotConfigurable);
    public static readonly DiagnosticDescriptor VTD1001 = Create("VTD1001", Names, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD1002 = Create("VTD1002", Names, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD1003 = Create("VTD1003", Names, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD1004 = Create("VTD1004", Names, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD1005 = Create("VTD1005", Names, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD1006 = Create("VTD1006", Names, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD1007 = Create("VTD1007", Names, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD2001 = Create("VTD2001", Domains, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD2002 = Create("VTD2002", Domains, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD2003 = Create("VTD2003", Domains, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD2004 = Create("VTD2004", Domains, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD2005 = Create("VTD2005", Domains, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD2006 = Create("VTD2006", Domains, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD2007 = Create("VTD2007", Domains, Warning, Configurable);
    public static readonly DiagnosticDescriptor VTD2008 = Create("VTD2008", Domains, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD2009 = Create("VTD2009", Domains, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD2010 = Create("VTD2010", Domains, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD2011 = Create("VTD2011", Domains, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD2012 = Create("VTD2012", Domains, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD2013 = Create("VTD2013", Domains, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD2014 = Create("VTD2014", Domains, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD3001 = Create("VTD3001", Windows, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD3003 = Create("VTD3003", Windows, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD3004 = Create("VTD3004", Windows, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD3005 = Create("VTD3005", Windows, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD3006 = Create("VTD3006", Windows, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD3007 = Create("VTD3007", Windows, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD3008 = Create("VTD3008", Windows, Warning, Configurable);
    public static readonly DiagnosticDescriptor VTD3009 = Create("VTD3009", Windows, Warning, Configurable);
    public static readonly DiagnosticDescriptor VTD3010 = Create("VTD3010", Windows, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD3011 = Create("VTD3011", Windows, Warning, Configurable);
    public static readonly DiagnosticDescriptor VTD3012 = Create("VTD3012", Windows, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD3013 = Create("VTD3013", Windows, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD4001 = Create("VTD4001", Devices, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD4002 = Create("VTD4002", Devices, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD4003 = Create("VTD4003", Devices, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD4004 = Create("VTD4004", Devices, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD4005 = Create("VTD4005", Devices, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD4006 = Create("VTD4006", Devices, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD4007 = Create("VTD4007", Devices, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD5001 = Create("VTD5001", Interrupts, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD5002 = Create("VTD5002", Interrupts, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD5003 = Create("VTD5003", Interrupts, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD5004 = Create("VTD5004", Interrupts, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD5005 = Create("VTD5005", Interrupts, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD5006 = Create("VTD5006", Interrupts, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD5007 = Create("VTD5007", Interrupts, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD5008 = Create("VTD5008", Interrupts, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD5009 = Create("VTD5009", Interrupts, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD5010 = Create("VTD5010", Interrupts, Warning, Configurable);
    public static readonly DiagnosticDescriptor VTD6001 = Create("VTD6001", Scalable, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD6002 = Create("VTD6002", Scalable, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD6003 = Create("VTD6003", Scalable, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD6004 = Create("VTD6004", Scalable, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD6005 = Create("VTD6005", Scalable, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD6006 = Create("VTD6006", Scalable, Warning, Configurable);
    public static readonly DiagnosticDescriptor VTD6007 = Create("VTD6007", Scalable, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD6008 = Create("VTD6008", Scalable, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD6009 = Create("VTD6009", Scalable, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD7001 = Create("VTD7001", Core.DiagnosticCategories.Platform, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD7002 = Create("VTD7002", Core.DiagnosticCategories.Platform, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD7003 = Create("VTD7003", Core.DiagnosticCategories.Platform, Warning, Configurable);
    public static readonly DiagnosticDescriptor VTD7004 = Create("VTD7004", Core.DiagnosticCategories.Platform, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD7005 = Create("VTD7005", Core.DiagnosticCategories.Platform, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD7006 = Create("VTD7006", Core.DiagnosticCategories.Platform, Error, Configurable);
    public static readonly DiagnosticDescriptor VTD9999 = Create("VTD9999", Core.DiagnosticCategories.Compiler, Error, NotConfigurable);

    /// <summary>Every Roslyn descriptor, ordered by id.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        VTD0001, VTD0002, VTD0003, VTD0004, VTD0005, VTD0006, VTD0007, VTD0008,
        VTD0009, VTD0010, VTD0011, VTD0012, VTD0013, VTD0014, VTD0015, VTD0016,
        VTD1001, VTD1002, VTD1003, VTD1004, VTD1005, VTD1006, VTD1007, VTD2001,
        VTD2002, VTD2003, VTD2004, VTD2005, VTD2006, VTD2007, VTD2008, VTD2009,
        VTD2010, VTD2011, VTD2012, VTD2013, VTD2014, VTD3001, VTD3003, VTD3004,
        VTD3005, VTD3006, VTD3007, VTD3008, VTD3009, VTD3010, VTD3011, VTD3012,
        VTD3013, VTD4001, VTD4002, VTD4003, VTD4004, VTD4005, VTD4006, VTD4007,
        VTD5001, VTD5002, VTD5003, VTD5004, VTD5005, VTD5006, VTD5007, VTD5008,
        VTD5009, VTD5010, VTD6001, VTD6002, VTD6003, VTD6004, VTD6005, VTD6006,
        VTD6007, VTD6008, VTD6009, VTD7001, VTD7002, VTD7003, VTD7004, VTD7005,
        VTD7006, VTD9999);

    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> ById = ByIdMap();

    /// <summary>The Roslyn descriptor of a core id (a generic error descriptor for an id this class does not list).</summary>
    public static DiagnosticDescriptor Descriptor(string id) => ById.TryGetValue(id, out var descriptor) ? descriptor : VTD9999;

    /// <summary>A Roslyn diagnostic located in the <c>.vtd</c> file, with the related spans as additional locations.</summary>
    public static Diagnostic ToRoslyn(Core.Diagnostic diagnostic)
    {
        var additional = new List<Location>(diagnostic.RelatedLocations.Count);
        foreach (var related in diagnostic.RelatedLocations)
        {
            additional.Add(ToLocation(related));
        }
        var descriptor = Descriptor(diagnostic.Id);
        var severity = diagnostic.Severity switch { Core.DiagnosticSeverity.Error => Error, Core.DiagnosticSeverity.Warning => Warning, _ => Info };
        var properties = diagnostic.Suggestion is { } suggestion
            ? ImmutableDictionary<string, string?>.Empty.Add(SuggestionProperty, suggestion)
            : null;
        object?[] arguments = descriptor.Id == diagnostic.Id && diagnostic.Arguments.Count == Catalogue[descriptor.Id].Holes.Count
            ? ToObjects(diagnostic.Arguments)
            : new object?[] { diagnostic.Id + ": " + diagnostic.Message };
        if (arguments.Length == 1 && descriptor.Id != diagnostic.Id)
        {
            descriptor = VTD9999;
        }
        return Diagnostic.Create(descriptor, ToLocation(diagnostic.Location), severity, additional, properties, arguments);
    }

    /// <summary>The property holding <see cref="Core.Diagnostic.Suggestion"/>, the replacement a quick fix offers.</summary>
    public const string SuggestionProperty = "Suggestion";

    private static object?[] ToObjects(VtdDsl.Compiler.Collections.EquatableArray<string> arguments)
    {
        var objects = new object?[arguments.Count];
        for (int i = 0; i < objects.Length; i++) objects[i] = arguments[i];
        return objects;
    }

    /// <summary>A file location from the core's 1-based lines and columns (Roslyn's are 0-based).</summary>
    public static Location ToLocation(SourceLocation location)
    {
        var span = location.Span;
        var start = new LinePosition(Math.Max(0, span.Line - 1), Math.Max(0, span.Column - 1));
        var end = new LinePosition(Math.Max(0, span.EndLine - 1), Math.Max(0, span.EndColumn - 1));
        if (end < start) end = start;
        var textSpan = new TextSpan(Math.Max(0, span.Start), Math.Max(0, span.Length));
        return Location.Create(location.FilePath, textSpan, new LinePositionSpan(start, end));
    }

    /// <summary>The Roslyn descriptor of a core id: the core's title, message, help text and catalogue link.</summary>
    private static DiagnosticDescriptor Create(string id, string category, DiagnosticSeverity severity, string[] tags)
    {
        var core = Catalogue[id];
        return new DiagnosticDescriptor(id, core.Title, core.PositionalFormat, category, severity, isEnabledByDefault: true,
            description: core.HelpText, helpLinkUri: core.HelpUri, customTags: tags);
    }

    private static Dictionary<string, Core.DiagnosticDescriptor> CatalogueById()
    {
        var map = new Dictionary<string, Core.DiagnosticDescriptor>(StringComparer.Ordinal);
        foreach (var descriptor in Core.DiagnosticDescriptors.All)
        {
            map[descriptor.Id] = descriptor;
        }
        return map;
    }

    private static ImmutableDictionary<string, DiagnosticDescriptor> ByIdMap()
    {
        var builder = ImmutableDictionary.CreateBuilder<string, DiagnosticDescriptor>(StringComparer.Ordinal);
        foreach (var descriptor in All)
        {
            builder[descriptor.Id] = descriptor;
        }
        return builder.ToImmutable();
    }
}
