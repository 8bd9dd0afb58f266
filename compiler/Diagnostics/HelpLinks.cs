namespace VtdDsl.Compiler.Diagnostics;

/// <summary>Where each diagnostic id is explained on the web: its section of the diagnostics catalogue.</summary>
public static class HelpLinks
{
    /// <summary>The catalogue (docs/diagnostics.md) as published with the repository (the address SARIF output links too).</summary>
    public const string CatalogueUrl = "https://example.invalid/vtddsl/docs/diagnostics.md";

    /// <summary>The address of one id's section, e.g. <c>…/diagnostics.md#vtd3005</c>.</summary>
    public static string For(string id) => CatalogueUrl + "#" + id.ToLowerInvariant();
}
