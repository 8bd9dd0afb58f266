namespace VtdDsl.Tool;

/// <summary>The exit codes of ARCHITECTURE.md: scripts rely on them.</summary>
public static class ExitCodes
{
    /// <summary>Success: the spec is valid, the query answered; for <c>diff</c>, the same meaning.</summary>
    public const int Success = 0;

    /// <summary>The spec has errors; for <c>diff</c>, the specs differ in meaning.</summary>
    public const int SpecErrors = 1;

    /// <summary>Bad usage or unreadable input.</summary>
    public const int Usage = 2;

    /// <summary>An internal error: a bug in vtd (an unexpected exception), never the user's input or usage.</summary>
    public const int InternalError = 3;
}
