namespace VtdDsl.Compiler.Diagnostics;

/// <summary>
/// Where the catalogue of diagnostics (docs/diagnostics.md) lives on the web: the one base URL
/// the generator's help links, SARIF rules and the language server's code descriptions share.
/// Each entry has a stable anchor, the id in lower case (<c>#vtd3005</c>).
/// </summary>
public static class DiagnosticCatalogue
{
    /// <summary>The repository (as in the packages' RepositoryUrl).</summary>
    public const string RepositoryUrl = "https://example.invalid/vtddsl";

    /// <summary>The catalogue page.</summary>
    public const string Url = RepositoryUrl + "/blob/main/docs/diagnostics.md";

    /// <summary>The catalogue entry of one id, e.g. <c>…/docs/diagnostics.md#vtd3005</c>.</summary>
    public static string EntryUrl(string id) => Url + "#" + id.ToLowerInvariant();
}
