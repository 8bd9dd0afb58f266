namespace VtdDsl.Tool;

/// <summary>The exit codes of ARCHITECTURE.md: scripts rely on them.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The spec has errors; for <c>diff</c>, the specs differ in meaning.</summary>
    public const int SpecErrors = 1;

    /// <summary>Bad usage or unreadable input.</summary>
    public const int Usage = 2;
}
