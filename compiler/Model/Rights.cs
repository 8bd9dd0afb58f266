namespace VtdDsl.Compiler.Model;

/// <summary>What a window lets a device do.</summary>
[Flags]
public enum Rights : byte
{
    None = 0,
    Read = 1,
    Write = 2,
    ReadWrite = Read | Write,
}

public static class RightsExtensions
{
    public static string ToKeywords(this Rights rights) => rights switch
    {
        Rights.Read => "read",
        Rights.Write => "write",
        Rights.ReadWrite => "read write",
        _ => "none",
    };
}
