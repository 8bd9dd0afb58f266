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
/// titles and help text come from <see cref="Core.DiagnosticDescriptors.All"/>, and a test keeps
/// ids, categories, severities and configurability equal to that catalogue. Syntax errors and
/// VTD9999 are not configurable. Used only in output callbacks: pipeline values carry the core's
/// equatable records, never a Roslyn <see cref="Diagnostic"/>.
/// </summary>
internal static class GeneratorDiagnostics
{
    /// <summary>The message is formatted by the core; Roslyn gets it whole.</summary>
    private const string MessageFormat = "{0}";

    private static readonly string[] Configurable = Array.Empty<string>();
    private static readonly string[] NotConfigurable = { WellKnownDiagnosticTags.NotConfigurable };

    private static readonly Dictionary<string, Core.DiagnosticDescriptor> Catalogue = CatalogueById();

    public static readonly DiagnosticDescriptor VTD0001 = new("VTD0001", Title("VTD0001"), MessageFormat, Syntax, Error, true, Help("VTD0001"), null, NotConfigurable);
    public static readonly DiagnosticDescriptor VTD0002 = new("VTD0002", Title("VTD0002"), MessageFormat, Syntax, Error, true, Help("VTD0002"), null, NotConfigurable);
    public static readonly DiagnosticDescriptor VTD0003 = new("VTD0003", Title("VTD0003"), MessageFormat, Syntax, Error, true, Help("VTD0003"), null, NotConfigurable);
    public static readonly DiagnosticDescriptor VTD0004 = new("VTD0004", Title("VTD0004"), MessageFormat, Syntax, Error, true, Help("VTD0004"), null, NotConfigurable);
    public static readonly DiagnosticDescriptor VTD1001 = new("VTD1001", Title("VTD1001"), MessageFormat, Names, Error, true, Help("VTD1001"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD1002 = new("VTD1002", Title("VTD1002"), MessageFormat, Names, Error, true, Help("VTD1002"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD1003 = new("VTD1003", Title("VTD1003"), MessageFormat, Names, Error, true, Help("VTD1003"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD1004 = new("VTD1004", Title("VTD1004"), MessageFormat, Names, Error, true, Help("VTD1004"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD2001 = new("VTD2001", Title("VTD2001"), MessageFormat, Domains, Error, true, Help("VTD2001"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD2002 = new("VTD2002", Title("VTD2002"), MessageFormat, Domains, Error, true, Help("VTD2002"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD2003 = new("VTD2003", Title("VTD2003"), MessageFormat, Domains, Error, true, Help("VTD2003"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD2004 = new("VTD2004", Title("VTD2004"), MessageFormat, Domains, Error, true, Help("VTD2004"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD2005 = new("VTD2005", Title("VTD2005"), MessageFormat, Domains, Error, true, Help("VTD2005"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD2006 = new("VTD2006", Title("VTD2006"), MessageFormat, Domains, Error, true, Help("VTD2006"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD2007 = new("VTD2007", Title("VTD2007"), MessageFormat, Domains, Warning, true, Help("VTD2007"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD2008 = new("VTD2008", Title("VTD2008"), MessageFormat, Domains, Error, true, Help("VTD2008"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD2009 = new("VTD2009", Title("VTD2009"), MessageFormat, Domains, Error, true, Help("VTD2009"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD3001 = new("VTD3001", Title("VTD3001"), MessageFormat, Windows, Error, true, Help("VTD3001"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD3003 = new("VTD3003", Title("VTD3003"), MessageFormat, Windows, Error, true, Help("VTD3003"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD3004 = new("VTD3004", Title("VTD3004"), MessageFormat, Windows, Error, true, Help("VTD3004"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD3005 = new("VTD3005", Title("VTD3005"), MessageFormat, Windows, Error, true, Help("VTD3005"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD3006 = new("VTD3006", Title("VTD3006"), MessageFormat, Windows, Error, true, Help("VTD3006"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD3007 = new("VTD3007", Title("VTD3007"), MessageFormat, Windows, Error, true, Help("VTD3007"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD3008 = new("VTD3008", Title("VTD3008"), MessageFormat, Windows, Warning, true, Help("VTD3008"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD3009 = new("VTD3009", Title("VTD3009"), MessageFormat, Windows, Warning, true, Help("VTD3009"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD3010 = new("VTD3010", Title("VTD3010"), MessageFormat, Windows, Error, true, Help("VTD3010"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD3011 = new("VTD3011", Title("VTD3011"), MessageFormat, Windows, Warning, true, Help("VTD3011"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD3012 = new("VTD3012", Title("VTD3012"), MessageFormat, Windows, Error, true, Help("VTD3012"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD3013 = new("VTD3013", Title("VTD3013"), MessageFormat, Windows, Error, true, Help("VTD3013"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD4001 = new("VTD4001", Title("VTD4001"), MessageFormat, Devices, Error, true, Help("VTD4001"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD4002 = new("VTD4002", Title("VTD4002"), MessageFormat, Devices, Error, true, Help("VTD4002"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD4003 = new("VTD4003", Title("VTD4003"), MessageFormat, Devices, Error, true, Help("VTD4003"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD4004 = new("VTD4004", Title("VTD4004"), MessageFormat, Devices, Error, true, Help("VTD4004"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD5001 = new("VTD5001", Title("VTD5001"), MessageFormat, Interrupts, Error, true, Help("VTD5001"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD5002 = new("VTD5002", Title("VTD5002"), MessageFormat, Interrupts, Error, true, Help("VTD5002"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD5003 = new("VTD5003", Title("VTD5003"), MessageFormat, Interrupts, Error, true, Help("VTD5003"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD5004 = new("VTD5004", Title("VTD5004"), MessageFormat, Interrupts, Error, true, Help("VTD5004"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD5005 = new("VTD5005", Title("VTD5005"), MessageFormat, Interrupts, Error, true, Help("VTD5005"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD5006 = new("VTD5006", Title("VTD5006"), MessageFormat, Interrupts, Error, true, Help("VTD5006"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD5009 = new("VTD5009", Title("VTD5009"), MessageFormat, Interrupts, Error, true, Help("VTD5009"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD5010 = new("VTD5010", Title("VTD5010"), MessageFormat, Interrupts, Warning, true, Help("VTD5010"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD6001 = new("VTD6001", Title("VTD6001"), MessageFormat, Scalable, Error, true, Help("VTD6001"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD6002 = new("VTD6002", Title("VTD6002"), MessageFormat, Scalable, Error, true, Help("VTD6002"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD6003 = new("VTD6003", Title("VTD6003"), MessageFormat, Scalable, Error, true, Help("VTD6003"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD6004 = new("VTD6004", Title("VTD6004"), MessageFormat, Scalable, Error, true, Help("VTD6004"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD6005 = new("VTD6005", Title("VTD6005"), MessageFormat, Scalable, Error, true, Help("VTD6005"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD6006 = new("VTD6006", Title("VTD6006"), MessageFormat, Scalable, Warning, true, Help("VTD6006"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD7001 = new("VTD7001", Title("VTD7001"), MessageFormat, Core.DiagnosticCategories.Platform, Error, true, Help("VTD7001"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD7002 = new("VTD7002", Title("VTD7002"), MessageFormat, Core.DiagnosticCategories.Platform, Error, true, Help("VTD7002"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD7003 = new("VTD7003", Title("VTD7003"), MessageFormat, Core.DiagnosticCategories.Platform, Warning, true, Help("VTD7003"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD7004 = new("VTD7004", Title("VTD7004"), MessageFormat, Core.DiagnosticCategories.Platform, Error, true, Help("VTD7004"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD7005 = new("VTD7005", Title("VTD7005"), MessageFormat, Core.DiagnosticCategories.Platform, Error, true, Help("VTD7005"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD7006 = new("VTD7006", Title("VTD7006"), MessageFormat, Core.DiagnosticCategories.Platform, Error, true, Help("VTD7006"), null, Configurable);
    public static readonly DiagnosticDescriptor VTD9999 = new("VTD9999", Title("VTD9999"), MessageFormat, Core.DiagnosticCategories.Compiler, Error, true, Help("VTD9999"), null, NotConfigurable);

    /// <summary>Every Roslyn descriptor, ordered by id.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        VTD0001, VTD0002, VTD0003, VTD0004, VTD1001, VTD1002, VTD1003, VTD1004,
        VTD2001, VTD2002, VTD2003, VTD2004, VTD2005, VTD2006, VTD2007, VTD2008, VTD2009,
        VTD3001, VTD3003, VTD3004, VTD3005, VTD3006, VTD3007, VTD3008, VTD3009, VTD3010, VTD3011, VTD3012, VTD3013,
        VTD4001, VTD4002, VTD4003, VTD4004, VTD5001, VTD5002, VTD5003, VTD5004,
        VTD5005, VTD5006, VTD5009, VTD5010, VTD6001, VTD6002, VTD6003, VTD6004, VTD6005, VTD6006,
        VTD7001, VTD7002, VTD7003, VTD7004, VTD7005, VTD7006,
        VTD9999);

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
        string message = descriptor.Id == diagnostic.Id ? diagnostic.Message : diagnostic.Id + ": " + diagnostic.Message;
        var severity = diagnostic.Severity switch { Core.DiagnosticSeverity.Error => Error, Core.DiagnosticSeverity.Warning => Warning, _ => Info };
        return Diagnostic.Create(descriptor, ToLocation(diagnostic.Location), severity, additional, properties: null, message);
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

    private static string Title(string id) => Catalogue.TryGetValue(id, out var descriptor) ? descriptor.Title : id;

    private static string Help(string id) => Catalogue.TryGetValue(id, out var descriptor) ? descriptor.HelpText : string.Empty;

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
