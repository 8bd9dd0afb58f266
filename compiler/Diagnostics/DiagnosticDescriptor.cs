using System;
using System.Globalization;

namespace VtdDsl.Compiler.Diagnostics;

/// <summary>
/// One diagnostic the compiler can report: stable id, default severity, message format and
/// the help text shown in the catalogue and in SARIF rules.
/// </summary>
public sealed record DiagnosticDescriptor(
    string Id,
    string Title,
    string MessageFormat,
    DiagnosticSeverity DefaultSeverity,
    string Category,
    string HelpText)
{
    /// <summary>Syntax errors cannot be silenced or downgraded.</summary>
    public bool IsConfigurable => Category != DiagnosticCategories.Syntax && Id != "VTD9999";

    public string HelpUri => "docs/diagnostics.md#" + Id.ToLowerInvariant();

    public string Format(params object?[] arguments) =>
        arguments.Length == 0 ? MessageFormat : string.Format(CultureInfo.InvariantCulture, MessageFormat, arguments);
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
