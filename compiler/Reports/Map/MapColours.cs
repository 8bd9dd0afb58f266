namespace VtdDsl.Compiler.Reports.Map;

/// <summary>The map's palette (colour-blind safe for the three rights), in one place for the SVG and the HTML page.</summary>
public static class MapColours
{
    public const string Read = "#4e79a7";
    public const string ReadWrite = "#f28e2b";
    public const string Write = "#b07aa1";
    public const string Protected = "#c62828";
    public const string Reserved = "#b7791f";
    public const string SharedMarked = "#2e7d32";
    public const string SharedUnmarked = "#c62828";
    public const string Added = "#2e7d32";
    public const string Changed = "#1565c0";
    public const string Removed = "#718096";
    public const string GainsWrite = "#c62828";
    public const string Ink = "#1a202c";
    public const string Muted = "#4a5568";
    public const string Rule = "#cbd5e0";
    public const string MemoryA = "#edf2f7";
    public const string MemoryB = "#e2e8f0";

    public static string Fill(Rights rights) => rights switch
    {
        Rights.Read => Read,
        Rights.Write => Write,
        _ => ReadWrite,
    };

    /// <summary>Darker edge of a filled bar.</summary>
    public static string Edge(Rights rights) => rights switch
    {
        Rights.Read => "#2f4b6e",
        Rights.Write => "#6e4867",
        _ => "#a35a12",
    };

    /// <summary>Text colour on a filled bar: white on the dark fills, ink on orange.</summary>
    public static string TextOn(Rights rights) => rights == Rights.ReadWrite ? Ink : "#ffffff";
}
